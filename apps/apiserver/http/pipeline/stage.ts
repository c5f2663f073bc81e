// One stage of the request pipeline, as one filter of kube-apiserver's handler chain: it does its
// part and calls the next, or refuses the request by throwing a StatusError. An Endpoint is where
// the chain ends: it says what a request asks (the authorizer's attributes) and serves it.
import { ServerResponse } from 'node:http';
import { AuthorizationAttributes } from '@kubenest/auth';
import { ApiMessage } from '../api-message';

/** One request as an endpoint has resolved it, as kube's RequestInfo and the handler it selects. */
export interface Route {
  /** What the Authorizer is asked. */
  attributes: AuthorizationAttributes;
  /** Watches, streams, tunnels: exempt from the in-flight limit and the deadline. */
  longRunning: boolean;
  /** Answers the request; resolves once it is answered. */
  serve(): Promise<void>;
}

/** The resource routes, or Nest's: what the stages hand a request to. */
export interface Endpoint {
  /** Throws what the path alone answers (404 for an unknown resource, 413 for a body where none is taken). */
  route(req: ApiMessage, res: ServerResponse): Route;
}

export interface PipelineContext {
  req: ApiMessage;
  res: ServerResponse;
  endpoint: Endpoint;
  /** Set by the authorization stage, which resolves it to know what to ask. */
  route?: Route;
}

/** The rest of the chain after a stage: built once for the pipeline, never per request. */
export type Next = (context: PipelineContext) => Promise<void>;

export type Stage = (context: PipelineContext, next: Next) => Promise<void>;
