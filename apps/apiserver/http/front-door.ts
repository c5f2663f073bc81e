// The HTTPS server's request listener: every request goes through the request pipeline
// (authentication from headers alone, before anything reads its body; audit; authorization; the
// in-flight limit; the deadline), which ends at ResourceRoutes for resource URLs and at Nest's
// Express app for everything else (discovery, OpenAPI, health, the console, the agents' tunnel).
// Upgrade requests come the same way, so exec and port-forward reach the resource routes too. What
// the HTTP parser refuses, and CONNECT, are answered before any of this (client-error.ts).
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RequestListener, Server, ServerResponse } from 'node:http';
import { routeUpgradesThrough } from '../node-tunnel';
import { ApiMessage } from './api-message';
import { isResourceUrl } from './api-path';
import { answerClientError, refuseConnect } from './client-error';
import { NestRoutes } from './pipeline/nest-routes';
import { RequestPipeline } from './pipeline/request-pipeline';
import { ResourceRoutes } from './resource-routes';

@Injectable()
export class FrontDoor implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly routes: ResourceRoutes,
    private readonly pipeline: RequestPipeline,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    const express = this.adapterHost.httpAdapter.getInstance() as RequestListener;
    // Both listening would answer every request twice.
    if (!server.listeners('request').includes(express)) {
      throw new Error('the HTTP server does not call the Express app as its request listener');
    }
    const nest = new NestRoutes(express);
    const listener: RequestListener = (req, res) => void this.serve(req as ApiMessage, res, nest);
    server.removeListener('request', express);
    server.on('request', listener);
    // Node would answer 100 Continue to these before anyone is authenticated; with a listener it
    // leaves that to rawBody, which says it once the body is wanted, as Go's server does.
    server.on('checkContinue', listener);
    routeUpgradesThrough(server, listener);
    server.on('clientError', answerClientError);
    server.on('connect', refuseConnect);
  }

  /** Answers the request, whatever happens: a failure is a Status response, never a rejection. */
  private serve(req: ApiMessage, res: ServerResponse, nest: NestRoutes): Promise<void> {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    req.pathname = queryAt < 0 ? url : url.slice(0, queryAt);
    return this.pipeline.serve(req, res, isResourceUrl(url) ? this.routes : nest);
  }
}
