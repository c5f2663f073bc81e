// The node tunnel: agents' control and stream sockets, and the pod connect subresources served
// through them.
import { DynamicModule, Module } from '@nestjs/common';
import { ResourceStores } from '@kubenest/registry';
import { PodConnect } from './pod-connect.service';
import { TunnelRegistry } from './tunnel-registry';
import { TunnelController } from './tunnel.controller';

@Module({})
export class NodeTunnelModule {
  /** `stores` finds the pods the connect subresources address. */
  static forRoot(stores: ResourceStores): DynamicModule {
    return {
      module: NodeTunnelModule,
      controllers: [TunnelController],
      providers: [{ provide: ResourceStores, useValue: stores }, TunnelRegistry, PodConnect],
      exports: [PodConnect],
    };
  }
}
