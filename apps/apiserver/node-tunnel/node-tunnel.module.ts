// The node tunnel: agents' control and stream sockets, and the pod connect subresources served
// through them. Upgrade requests are routed through the Express app once it is bootstrapped.
import { DynamicModule, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ResourceStores } from '@kubenest/registry';
import { PodConnect } from './pod-connect.service';
import { TunnelRegistry } from './tunnel-registry';
import { TunnelController } from './tunnel.controller';
import { routeUpgradesThrough } from './upgrade-routing';

@Injectable()
class UpgradeRouting implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const adapter = this.adapterHost.httpAdapter;
    routeUpgradesThrough(adapter.getHttpServer(), adapter.getInstance());
  }
}

@Module({})
export class NodeTunnelModule {
  /** `stores` finds the pods the connect subresources address. */
  static forRoot(stores: ResourceStores): DynamicModule {
    return {
      module: NodeTunnelModule,
      controllers: [TunnelController],
      providers: [{ provide: ResourceStores, useValue: stores }, TunnelRegistry, PodConnect, UpgradeRouting],
      exports: [PodConnect],
    };
  }
}
