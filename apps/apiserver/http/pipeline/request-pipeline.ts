// The one chain every request goes through, in kube-apiserver's order (DefaultBuildHandlerChain):
// authentication → audit → authorization → in-flight limit → deadline → the endpoint's handler.
// The front door runs it for the resource routes and for Nest's (discovery, OpenAPI, health, the
// console, the agents' tunnel) alike; a refusal from any stage is written as a Status here.
import { Logger } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { Authorizer } from '@kubenest/auth';
import { ApiMessage } from '../api-message';
import { declaresBody } from '../raw-body';
import { toStatusError, writeStatus } from '../status-response';
import { AuditHook, auditStage, NO_AUDIT } from './audit.stage';
import { Authenticator, authenticationStage } from './authentication.stage';
import { authorizationStage } from './authorization.stage';
import { deadlineStage, requestTimeoutMs } from './deadline.stage';
import { DEFAULT_IN_FLIGHT_LIMITS, InFlightLimits, maxInFlightStage } from './max-in-flight.stage';
import { Endpoint, Next, PipelineContext, Stage } from './stage';

export interface PipelineOptions {
  authenticator: Authenticator;
  authorizer: Authorizer;
  audit?: AuditHook;
  inFlight?: InFlightLimits;
  timeoutMs?: number;
}

export const defaultStages = (options: PipelineOptions): Stage[] => [
  authenticationStage(options.authenticator),
  auditStage(options.audit ?? NO_AUDIT),
  authorizationStage(options.authorizer),
  maxInFlightStage(options.inFlight ?? DEFAULT_IN_FLIGHT_LIMITS),
  deadlineStage(options.timeoutMs ?? requestTimeoutMs),
];

/** Where the chain ends: the route the authorization stage resolved (or this one) serves. */
const serveRoute: Next = (context) => (context.route ??= context.endpoint.route(context.req, context.res)).serve();

export class RequestPipeline {
  private readonly logger = new Logger(RequestPipeline.name);
  /** The stages chained once: a request allocates its context and nothing to walk the chain. */
  private readonly chain: Next;

  constructor(stages: readonly Stage[]) {
    this.chain = stages.reduceRight<Next>((next, stage) => (context) => stage(context, next), serveRoute);
  }

  /** Answers the request, whatever happens: a failure is a Status response, never a rejection. */
  async serve(req: ApiMessage, res: ServerResponse, endpoint: Endpoint): Promise<void> {
    const context: PipelineContext = { req, res, endpoint, route: undefined };
    try {
      await this.chain(context);
    } catch (e) {
      // A body left unread cannot be skipped to reach the next request on the connection.
      const unread = req.body === undefined && declaresBody(req);
      writeStatus(res, toStatusError(e, this.logger), unread ? { Connection: 'close' } : {});
    }
  }
}
