// The HTTPS server's request listener, and the first stage of every request: authentication, from
// the request's headers and connection alone, before anything reads its body. Resource URLs then go
// to ResourceRoutes; everything else (discovery, OpenAPI, health, the console, the agents' tunnel)
// takes no body and goes to Nest's Express app. Upgrade requests come the same way, so exec and
// port-forward reach the resource routes too. What the HTTP parser refuses, and CONNECT, are
// answered before any of this (client-error.ts).
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RequestListener, Server, ServerResponse } from 'node:http';
import { StatusError } from '@kubenest/apimachinery';
import { RequestAuthenticator } from '@kubenest/auth';
import { routeUpgradesThrough } from '../node-tunnel';
import { ApiMessage } from './api-message';
import { isResourceUrl } from './api-path';
import { answerClientError, refuseConnect } from './client-error';
import { declaresBody } from './raw-body';
import { ResourceRoutes } from './resource-routes';
import { toStatusError, writeStatus } from './status-response';

// A body left unread cannot be skipped to reach the next request on the connection.
const CLOSE_CONNECTION = { Connection: 'close' };

const noBodyHere = () => StatusError.tooLarge('Request entity too large: this path takes no request body');

@Injectable()
export class FrontDoor implements OnApplicationBootstrap {
  private readonly logger = new Logger(FrontDoor.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly routes: ResourceRoutes,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    const express = this.adapterHost.httpAdapter.getInstance() as RequestListener;
    // Both listening would answer every request twice.
    if (!server.listeners('request').includes(express)) {
      throw new Error('the HTTP server does not call the Express app as its request listener');
    }
    const listener: RequestListener = (req, res) => void this.serve(req as ApiMessage, res, express);
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
  private async serve(req: ApiMessage, res: ServerResponse, express: RequestListener): Promise<void> {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    req.pathname = queryAt < 0 ? url : url.slice(0, queryAt);
    try {
      req.user = await this.authenticator.authenticate(req, req.pathname);
    } catch (e) {
      return writeStatus(res, toStatusError(e, this.logger), declaresBody(req) ? CLOSE_CONNECTION : {});
    }
    if (isResourceUrl(url)) return this.routes.serve(req, res);
    if (declaresBody(req)) return writeStatus(res, noBodyHere(), CLOSE_CONNECTION);
    express(req, res);
  }
}
