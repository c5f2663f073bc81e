// Discovery and OpenAPI endpoints. They read the served resources from the STRATEGIES provider:
// import DiscoveryModule where a global module provides it, or DiscoveryModule.withStrategies(...).
import { DynamicModule, Module } from '@nestjs/common';
import { STRATEGIES, Strategy } from '@kubenest/registry';
import { OpenApiController } from '../openapi/openapi.controller';
import { DiscoveryController } from './discovery.controller';

@Module({ controllers: [DiscoveryController, OpenApiController] })
export class DiscoveryModule {
  static withStrategies(strategies: Strategy[]): DynamicModule {
    return { module: DiscoveryModule, providers: [{ provide: STRATEGIES, useValue: strategies }] };
  }
}
