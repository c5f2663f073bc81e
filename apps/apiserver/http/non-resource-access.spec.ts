// Who reaches each non-resource path (health, version, discovery, OpenAPI, the console, the agents'
// tunnel): authentication and authorization through the front door with the cluster's own
// authorizer, and a stand-in for Nest's routes answering as they do (404 off their paths, 403 on
// another node's tunnel). Written against the server before non-resource URLs were authorized,
// so that it shows each identity keeps its answer on every path a role grants.
import { HttpAdapterHost } from '@nestjs/core';
import { EventEmitter } from 'node:events';
import { IncomingMessage, ServerResponse } from 'node:http';
import { clusterAuthorizer, NodeGraph, RequestAuthenticator, TokenAuthenticators, UserInfo } from '@kubenest/auth';
import { FrontDoor } from './front-door';
import { defaultStages, RequestPipeline } from './pipeline/request-pipeline';
import { ResourceRoutes } from './resource-routes';

const users: Record<string, UserInfo> = {
  bootstrap: {
    name: 'system:bootstrap:abcdef',
    groups: ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token'],
  },
  node: { name: 'system:node:n1', groups: ['system:nodes'] },
  admin: { name: 'kubenest-admin', groups: ['system:masters'] },
};

const NEST_PATHS = [
  /^\/version$/,
  /^\/(healthz|livez|readyz)(\/[^/]+)?$/,
  /^\/docs(\/.*)?$/,
  /^\/openapi\/(v2|v3|console)$/,
  /^\/openapi\/v3\/.+$/,
  /^\/apis?$/,
  /^\/api\/[^/]+$/,
  /^\/apis\/[^/]+(\/[^/]+)?$/,
];

/** Nest's answer to a request that reaches it: what its routes and the tunnel's own check say. */
const nestAnswer = (req: IncomingMessage & { user?: UserInfo }): number => {
  const path = req.url!.split('?')[0];
  const tunnel = /^\/tunnel\/v1\/nodes\/([^/]+)(\/streams\/[^/]+)?$/.exec(path);
  if (tunnel) return req.user?.name === `system:node:${tunnel[1]}` ? 101 : 403;
  if (req.method !== 'GET' && req.method !== 'HEAD' && !path.startsWith('/docs')) return 404;
  return NEST_PATHS.some((p) => p.test(path)) ? 200 : 404;
};

const setUp = () => {
  const server = new EventEmitter();
  const express = (req: IncomingMessage, res: ServerResponse) => {
    res.statusCode = nestAnswer(req);
    res.end();
  };
  server.on('request', express);
  const adapterHost = { httpAdapter: { getHttpServer: () => server, getInstance: () => express } };
  const tokens = new TokenAuthenticators();
  tokens.add({ authenticateToken: async (token) => users[token] ?? null });
  const pipeline = new RequestPipeline(
    defaultStages({ authenticator: new RequestAuthenticator(tokens), authorizer: clusterAuthorizer(new NodeGraph()) }),
  );
  const door = new FrontDoor(adapterHost as unknown as HttpAdapterHost, {} as unknown as ResourceRoutes, pipeline);
  door.onApplicationBootstrap();
  return async (method: string, url: string, who: string): Promise<number> => {
    const headers: Record<string, string> = who === 'anonymous' ? {} : { authorization: `Bearer ${who}` };
    return new Promise((resolve) => {
      const req = Object.assign(new EventEmitter(), { method, url, headers, socket: {} });
      const res = Object.assign(new EventEmitter(), {
        statusCode: 200,
        headersSent: false,
        writeHead(status: number) {
          this.statusCode = status;
        },
        end() {
          resolve(this.statusCode);
        },
      });
      server.emit('request', req, res);
    });
  };
};

type Answers = [anonymous: number, bootstrap: number, node: number, admin: number];

const GET: [string, Answers][] = [
  // system:public-info-viewer: anyone
  ['/version', [200, 200, 200, 200]],
  ['/healthz', [200, 200, 200, 200]],
  ['/healthz/ping', [200, 200, 200, 200]],
  ['/livez', [200, 200, 200, 200]],
  ['/livez/ping', [200, 200, 200, 200]],
  ['/readyz', [200, 200, 200, 200]],
  ['/readyz/store', [200, 200, 200, 200]],
  ['/readyz?verbose&exclude=store', [200, 200, 200, 200]],
  // the console's page, which carries no part of the API
  ['/docs', [200, 200, 200, 200]],
  ['/docs/', [200, 200, 200, 200]],
  ['/docs/swagger-ui.css', [200, 200, 200, 200]],
  // system:discovery: authenticated users
  ['/api', [401, 200, 200, 200]],
  ['/api/v1', [401, 200, 200, 200]],
  ['/apis', [401, 200, 200, 200]],
  ['/apis/apps', [401, 200, 200, 200]],
  ['/apis/apps/v1', [401, 200, 200, 200]],
  ['/openapi/v2', [401, 200, 200, 200]],
  ['/openapi/v3', [401, 200, 200, 200]],
  ['/openapi/v3/api/v1?hash=abc', [401, 200, 200, 200]],
  ['/openapi/v3/apis/apps/v1', [401, 200, 200, 200]],
  ['/openapi/console', [401, 200, 200, 200]],
  // the agents' tunnel: only the node itself
  ['/tunnel/v1/nodes/n1', [401, 403, 101, 403]],
  ['/tunnel/v1/nodes/n1/streams/s1', [401, 403, 101, 403]],
  ['/tunnel/v1/nodes/n2', [401, 403, 403, 403]],
];

describe('non-resource paths', () => {
  const send = setUp();
  const who = ['anonymous', 'bootstrap', 'node', 'admin'];

  it.each(GET)('GET %s', async (url, answers) => {
    expect(await Promise.all(who.map((w) => send('GET', url, w)))).toEqual(answers);
  });

  it.each(GET)('HEAD %s', async (url, answers) => {
    expect(await Promise.all(who.map((w) => send('HEAD', url, w)))).toEqual(answers);
  });

  // What no role grants: unknown paths, and methods other than GET, are refused with 403 to all but
  // system:masters, as kube-apiserver refuses them (before authorization, Nest answered them 404, and
  // swagger-ui answered its page to a POST).
  it.each<[string, string, Answers]>([
    ['GET', '/no/such/path', [401, 403, 403, 404]],
    ['GET', '/metrics', [401, 403, 403, 404]],
    ['POST', '/version', [403, 403, 403, 404]],
    ['DELETE', '/api', [401, 403, 403, 404]],
    ['PUT', '/openapi/v3', [401, 403, 403, 404]],
    ['POST', '/docs/', [403, 403, 403, 200]],
  ])('%s %s', async (method, url, answers) => {
    expect(await Promise.all(who.map((w) => send(method, url, w)))).toEqual(answers);
  });
});
