// Wires the HTTP surface: authentication, authorization, discovery/OpenAPI and the resource
// routes, over registry objects built once at start-up.
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthenticationModule, AuthorizationModule, NodeGraphView } from '@kubenest/auth';
import { applyFieldValidation } from '@kubenest/api/openapi';
import { ResourceHandler, ResourceRegistry, ResourceStores } from '@kubenest/registry';
import { DiscoveryModule } from './discovery';
import { FrontDoor } from './http/front-door';
import { HealthController } from './http/health.controller';
import { HealthCheck, LIVENESS_CHECKS, pingCheck } from './http/health-checks';
import { RequestAuthorizer } from './http/request-authorizer';
import { ResourceApi } from './http/resource-api.service';
import { ResourceRoutes } from './http/resource-routes';
import { StatusExceptionFilter } from './http/status-exception.filter';
import { NodeTunnelModule } from './node-tunnel';

export interface ApiserverModuleOptions {
  stores: ResourceStores;
  adminToken: string;
  /** What the Node authorizer knows of the pods bound to each node. */
  nodeGraph: NodeGraphView;
  /** Checks behind /livez besides ping, e.g. the embedded PostgreSQL's. */
  livenessChecks?: HealthCheck[];
}

@Module({})
export class ApiserverModule {
  static forRoot({ stores, adminToken, nodeGraph, livenessChecks = [] }: ApiserverModuleOptions): DynamicModule {
    return {
      module: ApiserverModule,
      imports: [
        AuthenticationModule.forRoot({ adminToken }),
        AuthorizationModule.forRoot(nodeGraph),
        DiscoveryModule.withRegistry(stores.registry),
        NodeTunnelModule.forRoot(stores),
      ],
      controllers: [HealthController],
      providers: [
        { provide: ResourceRegistry, useValue: stores.registry },
        { provide: ResourceStores, useValue: stores },
        { provide: LIVENESS_CHECKS, useValue: [pingCheck, ...livenessChecks] },
        { provide: ResourceHandler, useValue: new ResourceHandler(applyFieldValidation) },
        ResourceApi,
        RequestAuthorizer,
        ResourceRoutes,
        FrontDoor,
        { provide: APP_FILTER, useClass: StatusExceptionFilter },
      ],
    };
  }
}
