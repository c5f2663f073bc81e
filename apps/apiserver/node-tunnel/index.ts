// The node tunnel module and the pod connect service the resource routes delegate to.
export { NodeTunnelModule } from './node-tunnel.module';
export { PodConnect } from './pod-connect.service';
export { TunnelRegistry } from './tunnel-registry';
export { routeUpgradesThrough } from './upgrade-routing';
