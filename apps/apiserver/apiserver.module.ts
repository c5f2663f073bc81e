// Wires the HTTP surface: the request pipeline (authentication, authorization, in-flight limit),
// discovery/OpenAPI and the resource routes, over registry objects built once at start-up.
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import {
  AUTHORIZER,
  AuthenticationModule,
  AuthorizationModule,
  Authorizer,
  NodeGraphView,
  RequestAuthenticator,
} from '@kubenest/auth';
import { applyFieldValidation } from '@kubenest/api/openapi';
import { ResourceHandler, ResourceRegistry, ResourceStores } from '@kubenest/registry';
import { DiscoveryModule } from './discovery';
import { FrontDoor } from './http/front-door';
import { HealthController } from './http/health.controller';
import { HealthCheck, LIVENESS_CHECKS, pingCheck } from './http/health-checks';
import { InFlightLimits } from './http/pipeline/max-in-flight.stage';
import { defaultStages, RequestPipeline } from './http/pipeline/request-pipeline';
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
  /** The request pipeline's in-flight limits (kube's defaults when absent). */
  inFlight?: InFlightLimits;
}

@Module({})
export class ApiserverModule {
  static forRoot({
    stores,
    adminToken,
    nodeGraph,
    livenessChecks = [],
    inFlight,
  }: ApiserverModuleOptions): DynamicModule {
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
        {
          provide: RequestPipeline,
          useFactory: (authenticator: RequestAuthenticator, authorizer: Authorizer) =>
            new RequestPipeline(defaultStages({ authenticator, authorizer, inFlight })),
          inject: [RequestAuthenticator, AUTHORIZER],
        },
        ResourceRoutes,
        FrontDoor,
        { provide: APP_FILTER, useClass: StatusExceptionFilter },
      ],
    };
  }
}
