// Discovery and OpenAPI endpoints. They read the served resources live from the ResourceRegistry,
// so that kinds added or removed at run time appear and disappear.
import { DynamicModule, Module } from '@nestjs/common';
import { ResourceRegistry } from '@kubenest/registry';
import { OpenApiController } from '../openapi/openapi.controller';
import { DiscoveryController } from './discovery.controller';

@Module({ controllers: [DiscoveryController, OpenApiController] })
export class DiscoveryModule {
  static withRegistry(registry: ResourceRegistry): DynamicModule {
    return { module: DiscoveryModule, providers: [{ provide: ResourceRegistry, useValue: registry }] };
  }
}
