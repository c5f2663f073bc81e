// The order ResourceRoutes works in, behind the pipeline's authorization: the path and the user's
// right to it are settled before a byte of the body is read, so that a client allowed somewhere
// (anonymous on cluster-info) cannot make the server hold a body it may not send; an allowed
// request gets its body.
import { EventEmitter } from 'node:events';
import { ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { ResourceRegistry, ResourceStores } from '@kubenest/registry';
import { ApiMessage } from './api-message';
import { authorizationStage } from './pipeline/authorization.stage';
import { RequestPipeline } from './pipeline/request-pipeline';
import { ResourceApi } from './resource-api.service';
import { ResourceRoutes } from './resource-routes';

const configMaps = { namespaced: true };

const request = (method: string, url: string, headers: Record<string, string>) =>
  Object.assign(new PassThrough(), {
    method,
    url,
    pathname: url.split('?')[0],
    headers,
    user: { name: 'system:anonymous', groups: ['system:unauthenticated'] },
  }) as unknown as ApiMessage & PassThrough;

const response = () => {
  const sent: { code?: number; headers?: Record<string, string>; body?: string } = {};
  const res = Object.assign(new EventEmitter(), {
    headersSent: false,
    destroyed: false,
    writeHead: (code: number, headers: Record<string, string>) => Object.assign(sent, { code, headers }),
    end: (body: string) => (sent.body = body),
  }) as unknown as ServerResponse;
  return { res, sent };
};

const setUp = (allowed: boolean, known = true) => {
  const bodies: (string | undefined)[] = [];
  const routes = new ResourceRoutes(
    { find: () => (known ? configMaps : undefined) } as unknown as ResourceRegistry,
    { entry: () => ({}) } as unknown as ResourceStores,
    {
      replace: async (_r: unknown, req: ApiMessage) => void bodies.push(req.body?.toString()),
    } as unknown as ResourceApi,
  );
  const pipeline = new RequestPipeline([
    authorizationStage({
      authorize: async () => ({ allowed, reason: '' }),
    }),
  ]);
  const serve = (req: ApiMessage, res: ServerResponse) => pipeline.serve(req, res, routes);
  return { serve, bodies };
};

const clusterInfo = '/api/v1/namespaces/kube-public/configmaps/cluster-info';

describe('ResourceRoutes', () => {
  it('refuses a request its user may not make without reading its body, and closes the connection', async () => {
    const { serve, bodies } = setUp(false);
    const req = request('PUT', clusterInfo, { 'content-length': String(3 << 20) });
    const read = jest.fn();
    req.on('newListener', (event) => event === 'data' && read());
    const { res, sent } = response();
    await serve(req, res);
    expect(sent).toMatchObject({ code: 403, headers: { Connection: 'close' } });
    expect(read).not.toHaveBeenCalled();
    expect(bodies).toEqual([]);
  });

  it('keeps the connection of a refused request that declared no body', async () => {
    const { serve } = setUp(false);
    const { res, sent } = response();
    await serve(request('GET', clusterInfo, {}), res);
    expect(sent).toMatchObject({ code: 403, headers: {} });
  });

  it('reads the body of an allowed request and hands it on', async () => {
    const { serve, bodies } = setUp(true);
    const req = request('PUT', clusterInfo, { 'content-length': '7' });
    const { res } = response();
    const served = serve(req, res);
    req.end('{"a":1}');
    await served;
    expect(bodies).toEqual(['{"a":1}']);
  });

  it('answers 404 for an unknown resource without reading its body', async () => {
    const { serve } = setUp(true, false);
    const { res, sent } = response();
    await serve(request('POST', '/api/v1/nosuch', { 'transfer-encoding': 'chunked' }), res);
    expect(sent).toMatchObject({ code: 404, headers: { Connection: 'close' } });
  });
});
