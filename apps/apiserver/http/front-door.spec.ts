// Which requests the front door hands to the resource routes and which to Express, and that it
// refuses to start where Express is not the server's request listener (both would answer).
import { HttpAdapterHost } from '@nestjs/core';
import { EventEmitter } from 'node:events';
import { IncomingMessage, ServerResponse } from 'node:http';
import { FrontDoor } from './front-door';
import { ResourceRoutes } from './resource-routes';

const setUp = (listening = true) => {
  const server = new EventEmitter();
  const seen: string[] = [];
  const express = (req: IncomingMessage) => seen.push(`express ${req.url}`);
  if (listening) server.on('request', express);
  const adapterHost = { httpAdapter: { getHttpServer: () => server, getInstance: () => express } };
  const routes = { serve: async (req: IncomingMessage) => void seen.push(`routes ${req.url}`) };
  const door = new FrontDoor(adapterHost as unknown as HttpAdapterHost, routes as unknown as ResourceRoutes);
  const send = (event: string, url: string) =>
    server.emit(event, Object.assign(new EventEmitter(), { url, headers: {} }), new EventEmitter(), Buffer.alloc(0));
  return { door, server, seen, send };
};

describe('FrontDoor', () => {
  afterEach(() => jest.restoreAllMocks());

  it('hands resource URLs to the routes and the rest to Express', () => {
    const { door, server, seen, send } = setUp();
    door.onApplicationBootstrap();
    expect(server.listenerCount('request')).toBe(1);
    send('request', '/api/v1/pods');
    send('request', '/version');
    expect(seen).toEqual(['routes /api/v1/pods', 'express /version']);
  });

  it('routes upgrade requests the same way', () => {
    const { door, seen, send } = setUp();
    door.onApplicationBootstrap();
    jest.spyOn(ServerResponse.prototype, 'assignSocket').mockImplementation(() => undefined);
    send('upgrade', '/api/v1/namespaces/default/pods/p/exec');
    send('upgrade', '/node-tunnel');
    expect(seen).toEqual(['routes /api/v1/namespaces/default/pods/p/exec', 'express /node-tunnel']);
  });

  it('refuses to start when Express is not the request listener', () => {
    const { door } = setUp(false);
    expect(() => door.onApplicationBootstrap()).toThrow(/request listener/);
  });
});
