// The HTTPS server's request listener: resource URLs go to ResourceRoutes, everything else
// (discovery, OpenAPI, health, the console, the agents' tunnel) to Nest's Express app. Upgrade
// requests come the same way, so exec and port-forward reach the resource routes too.
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RequestListener, Server } from 'node:http';
import { routeUpgradesThrough } from '../node-tunnel';
import { ApiMessage } from './api-message';
import { isResourceUrl } from './api-path';
import { ResourceRoutes } from './resource-routes';

@Injectable()
export class FrontDoor implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly routes: ResourceRoutes,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    const express = this.adapterHost.httpAdapter.getInstance() as RequestListener;
    // Both listening would answer every request twice.
    if (!server.listeners('request').includes(express)) {
      throw new Error('the HTTP server does not call the Express app as its request listener');
    }
    const listener: RequestListener = (req, res) => {
      if (isResourceUrl(req.url ?? '')) void this.routes.serve(req as ApiMessage, res);
      else express(req, res);
    };
    server.removeListener('request', express);
    server.on('request', listener);
    routeUpgradesThrough(server, listener);
  }
}
