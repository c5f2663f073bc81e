// What the front door does with a request: the pipeline's authentication first, from headers alone;
// then resource URLs to the routes, bodiless requests to Express, bodies elsewhere refused unread; what the parser
// refuses, and CONNECT, to client-error.ts. And that it refuses to start where Express is not the
// server's request listener (both would answer).
import { HttpAdapterHost } from '@nestjs/core';
import { EventEmitter } from 'node:events';
import { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError } from '@kubenest/apimachinery';
import { UserInfo } from '@kubenest/auth';
import { answerClientError, refuseConnect } from './client-error';
import { FrontDoor } from './front-door';
import { defaultStages, RequestPipeline } from './pipeline/request-pipeline';
import { ResourceRoutes } from './resource-routes';

const admin: UserInfo = { name: 'kubenest-admin', groups: ['system:masters'] };

/** Authenticates "Bearer admin" only, on any path. */
const fakeAuthenticator = {
  authenticate: async (req: IncomingMessage) => {
    if (req.headers.authorization === 'Bearer admin') return admin;
    throw StatusError.unauthorized();
  },
};

interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

const setUp = (listening = true) => {
  const server = new EventEmitter();
  const seen: string[] = [];
  const express = (req: IncomingMessage & { user?: UserInfo }) => seen.push(`express ${req.url} ${req.user?.name}`);
  if (listening) server.on('request', express);
  const adapterHost = { httpAdapter: { getHttpServer: () => server, getInstance: () => express } };
  const routes = {
    route: (req: IncomingMessage & { user?: UserInfo }) => ({
      attributes: {
        user: req.user!,
        verb: 'get',
        apiGroup: '',
        resource: 'pods',
        subresource: '',
        namespace: '',
        name: '',
      },
      longRunning: false,
      serve: async () => void seen.push(`routes ${req.url} ${req.user?.name}`),
    }),
  };
  const allowAll = { authorize: async () => ({ allowed: true, reason: '' }) };
  const pipeline = new RequestPipeline(defaultStages({ authenticator: fakeAuthenticator, authorizer: allowAll }));
  const door = new FrontDoor(adapterHost as unknown as HttpAdapterHost, routes as unknown as ResourceRoutes, pipeline);
  const send = async (event: string, url: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const answer: Answer = {};
    const res = Object.assign(new EventEmitter(), {
      headersSent: false,
      writeHead: (status: number, h: Record<string, string>) => Object.assign(answer, { status, headers: h }),
      end: (body: string) => (answer.body = body),
    });
    const req = Object.assign(new EventEmitter(), { url, headers, socket: {} });
    server.emit(event, req, res, Buffer.alloc(0));
    await new Promise((resolve) => setImmediate(resolve));
    return answer;
  };
  return { door, server, seen, send };
};

const token = { authorization: 'Bearer admin' };

describe('FrontDoor', () => {
  afterEach(() => jest.restoreAllMocks());

  it('hands authenticated resource URLs to the routes and the rest to Express, with the user', async () => {
    const { door, server, seen, send } = setUp();
    door.onApplicationBootstrap();
    expect(server.listenerCount('request')).toBe(1);
    await send('request', '/api/v1/pods', token);
    await send('request', '/version', token);
    expect(seen).toEqual(['routes /api/v1/pods kubenest-admin', 'express /version kubenest-admin']);
  });

  it('routes upgrade requests the same way', async () => {
    const { door, seen, send } = setUp();
    door.onApplicationBootstrap();
    jest.spyOn(ServerResponse.prototype, 'assignSocket').mockImplementation(() => undefined);
    await send('upgrade', '/api/v1/namespaces/default/pods/p/exec', token);
    await send('upgrade', '/tunnel/v1/nodes/n1', token);
    expect(seen).toEqual([
      'routes /api/v1/namespaces/default/pods/p/exec kubenest-admin',
      'express /tunnel/v1/nodes/n1 kubenest-admin',
    ]);
  });

  it('routes requests that wait for 100 Continue the same way, leaving Node to send none', async () => {
    const { door, server, seen, send } = setUp();
    door.onApplicationBootstrap();
    expect(server.listenerCount('checkContinue')).toBe(1);
    await send('checkContinue', '/api/v1/namespaces', { ...token, expect: '100-continue' });
    expect(seen).toEqual(['routes /api/v1/namespaces kubenest-admin']);
    expect(await send('checkContinue', '/api/v1/namespaces', { expect: '100-continue' })).toMatchObject({
      status: 401,
    });
  });

  it.each(['/api/v1/pods', '/version', '/no/such/path'])(
    'answers 401 to %s when authentication fails, before anything else sees it',
    async (url) => {
      const { door, seen, send } = setUp();
      door.onApplicationBootstrap();
      expect(await send('request', url)).toMatchObject({ status: 401, headers: {} });
      expect(await send('request', url, { 'content-length': String(3 << 20) })).toMatchObject({
        status: 401,
        headers: { Connection: 'close' },
      });
      expect(seen).toEqual([]);
    },
  );

  it.each<Record<string, string>>([{ 'content-length': '10' }, { 'transfer-encoding': 'chunked' }])(
    'refuses a body (%j) outside the resource URLs, unread, and closes the connection',
    async (headers) => {
      const { door, seen, send } = setUp();
      door.onApplicationBootstrap();
      const answer = await send('request', '/version', { ...token, ...headers });
      expect(answer).toMatchObject({ status: 413, headers: { Connection: 'close' } });
      expect(JSON.parse(answer.body!)).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge', code: 413 });
      await send('request', '/api/v1/namespaces', { ...token, ...headers });
      await send('request', '/version', { ...token, 'content-length': '0' });
      expect(seen).toEqual(['routes /api/v1/namespaces kubenest-admin', 'express /version kubenest-admin']);
    },
  );

  it('answers what the HTTP parser refuses, and CONNECT, itself', () => {
    const { door, server } = setUp();
    door.onApplicationBootstrap();
    expect(server.listeners('clientError')).toEqual([answerClientError]);
    expect(server.listeners('connect')).toEqual([refuseConnect]);
  });

  it('refuses to start when Express is not the request listener', () => {
    const { door } = setUp(false);
    expect(() => door.onApplicationBootstrap()).toThrow(/request listener/);
  });
});
