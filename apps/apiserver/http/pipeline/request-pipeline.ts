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
import { Endpoint, PipelineContext, Stage } from './stage';

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

export class RequestPipeline {
  private readonly logger = new Logger(RequestPipeline.name);

  constructor(private readonly stages: readonly Stage[]) {}

  /** Answers the request, whatever happens: a failure is a Status response, never a rejection. */
  async serve(req: ApiMessage, res: ServerResponse, endpoint: Endpoint): Promise<void> {
    const context: PipelineContext = { req, res, endpoint };
    const run = (i: number): Promise<void> =>
      i < this.stages.length
        ? this.stages[i](context, () => run(i + 1))
        : (context.route ??= endpoint.route(req, res)).serve();
    try {
      await run(0);
    } catch (e) {
      // A body left unread cannot be skipped to reach the next request on the connection.
      const unread = req.body === undefined && declaresBody(req);
      writeStatus(res, toStatusError(e, this.logger), unread ? { Connection: 'close' } : {});
    }
  }
}
