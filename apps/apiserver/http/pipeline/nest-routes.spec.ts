// What NestRoutes resolves of a non-resource request before Express sees it: the authorizer's
// attributes (verb from the method, the path), a body refused unread, the tunnel as long-running.
import { EventEmitter } from 'node:events';
import { ServerResponse } from 'node:http';
import { UserInfo } from '@kubenest/auth';
import { ApiMessage } from '../api-message';
import { NestRoutes } from './nest-routes';

const user: UserInfo = { name: 'alice', groups: [] };

const request = (method: string, pathname: string, headers: Record<string, string> = {}) =>
  ({ method, pathname, url: pathname, headers, user }) as unknown as ApiMessage;

describe('NestRoutes', () => {
  const express = jest.fn();
  const routes = new NestRoutes(express);

  it.each([
    { method: 'GET', path: '/version', verb: 'get', longRunning: false },
    { method: 'HEAD', path: '/healthz', verb: 'get', longRunning: false },
    { method: 'POST', path: '/api', verb: 'post', longRunning: false },
    { method: 'PUT', path: '/openapi/v3', verb: 'put', longRunning: false },
    { method: 'PATCH', path: '/apis', verb: 'patch', longRunning: false },
    { method: 'DELETE', path: '/docs/', verb: 'delete', longRunning: false },
    { method: 'GET', path: '/tunnel/v1/nodes/n1', verb: 'get', longRunning: true },
  ])('$method $path → $verb', ({ method, path, verb, longRunning }) => {
    const route = routes.route(request(method, path), {} as ServerResponse);
    expect(route.attributes).toEqual({
      user,
      verb,
      apiGroup: '',
      resource: '',
      subresource: '',
      namespace: '',
      name: '',
      path,
    });
    expect(route.longRunning).toBe(longRunning);
  });

  it.each<Record<string, string>>([{ 'content-length': '2' }, { 'transfer-encoding': 'chunked' }])(
    'refuses a body (%j) with 413',
    (headers) => {
      expect(() => routes.route(request('POST', '/version', headers), {} as ServerResponse)).toThrow(
        expect.objectContaining({ code: 413 }),
      );
    },
  );

  it('hands the request to Express and resolves once the response closes', async () => {
    const req = request('GET', '/version');
    const res = new EventEmitter() as ServerResponse;
    let served = false;
    const done = routes
      .route(req, res)
      .serve()
      .then(() => (served = true));
    expect(express).toHaveBeenCalledWith(req, res);
    await Promise.resolve();
    expect(served).toBe(false);
    res.emit('close');
    await done;
    expect(served).toBe(true);
  });
});
