import { StatusError } from '@kubenest/apimachinery';
import {
  applyPatchType,
  jsonPatchType,
  mergePatchType,
  PatchType,
  strategicMergePatchType,
} from '@kubenest/apimachinery/patch';
import { resources } from '../resources';
import { HttpsResourceClient } from './https-resource-client';
import { answer, startTestServer, TestServer } from './testing/https-test-server';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'ns1', name: 'p1', resourceVersion: '7' } };

describe('HttpsResourceClient', () => {
  let server: TestServer;
  let client: HttpsResourceClient;
  const last = () => server.seen[server.seen.length - 1];

  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());
  beforeEach(() => {
    server.seen.length = 0;
    server.handle((req, res) =>
      answer(res, 200, req.method === 'GET' && !req.url.pathname.endsWith('p1') ? { items: [], metadata: {} } : pod),
    );
    client = new HttpsResourceClient({ server: server.url, caPem: server.caPem, ...server.client });
  });
  afterEach(() => client.close());

  describe('a Status answer becomes a StatusError', () => {
    it.each([
      {
        name: 'NotFound with its details',
        code: 404,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'pods "p1" not found',
          reason: 'NotFound',
          details: { name: 'p1', kind: 'pods' },
          code: 404,
        },
        want: { code: 404, reason: 'NotFound', message: 'pods "p1" not found', details: { name: 'p1', kind: 'pods' } },
      },
      {
        name: 'a reason the server chose',
        code: 409,
        body: { kind: 'Status', status: 'Failure', message: 'conflict', reason: 'Conflict', code: 409 },
        want: { code: 409, reason: 'Conflict', message: 'conflict', details: undefined },
      },
      {
        name: 'a body that is no Status: the code names the reason',
        code: 503,
        body: 'upstream gone',
        want: { code: 503, reason: 'ServiceUnavailable', message: 'upstream gone', details: undefined },
      },
    ])('$name', async ({ code, body, want }) => {
      server.handle((_req, res) => res.writeHead(code).end(typeof body === 'string' ? body : JSON.stringify(body)));
      const error = await client
        .resource(resources.pods)
        .get('ns1', 'p1')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StatusError);
      const { code: c, reason, message, details } = error as StatusError;
      expect({ code: c, reason, message, details }).toEqual(want);
    });

    it('leaves a transport failure a transport error', async () => {
      server.handle((_req, res) => res.socket?.destroy());
      const error = await client
        .resource(resources.pods)
        .get('ns1', 'p1')
        .catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(StatusError);
      expect((error as Error).message).toMatch(/socket hang up|ECONNRESET/);
    });
  });

  it('authenticates with the client certificate and verifies the server against the CA', async () => {
    await client.resource(resources.pods).get('ns1', 'p1');
    expect(last().clientCommonName).toBe('system:node:n1');
    const stranger = new HttpsResourceClient({ server: server.url });
    await expect(stranger.resource(resources.pods).get('ns1', 'p1')).rejects.not.toBeInstanceOf(StatusError);
    stranger.close();
  });

  it('sends a bearer token', async () => {
    const withToken = new HttpsResourceClient({ server: server.url, caPem: server.caPem, bearerToken: 'abc.def' });
    await withToken.resource(resources.pods).get('ns1', 'p1');
    withToken.close();
    expect(last().headers.authorization).toBe('Bearer abc.def');
  });

  it.each([
    {
      name: 'list with selectors and paging',
      call: (c: HttpsResourceClient) =>
        c.resource(resources.pods).list(undefined, {
          labelSelector: 'app=web,tier in (a b)',
          fieldSelector: 'spec.nodeName=n1',
          resourceVersion: '0',
          resourceVersionMatch: 'NotOlderThan',
          limit: 500,
          continue: 'tok/en',
        }),
      method: 'GET',
      path: '/api/v1/pods',
      query: {
        labelSelector: 'app=web,tier in (a b)',
        fieldSelector: 'spec.nodeName=n1',
        resourceVersion: '0',
        resourceVersionMatch: 'NotOlderThan',
        limit: '500',
        continue: 'tok/en',
      },
    },
    {
      name: 'create as a dry run with a field manager and validation',
      call: (c: HttpsResourceClient) =>
        c.resource(resources.pods).create(pod, { dryRun: true, fieldManager: 'agent', fieldValidation: 'Strict' }),
      method: 'POST',
      path: '/api/v1/namespaces/ns1/pods',
      query: { dryRun: 'All', fieldManager: 'agent', fieldValidation: 'Strict' },
    },
    {
      name: 'update of a cluster-scoped object',
      call: (c: HttpsResourceClient) => c.resource(resources.nodes).update({ metadata: { name: 'n1' } }),
      method: 'PUT',
      path: '/api/v1/nodes/n1',
      query: {},
    },
    {
      name: 'updateStatus in another group',
      call: (c: HttpsResourceClient) =>
        c
          .resource(resources.deployments)
          .updateStatus({ metadata: { namespace: 'ns1', name: 'd1' } }, { dryRun: true }),
      method: 'PUT',
      path: '/apis/apps/v1/namespaces/ns1/deployments/d1/status',
      query: { dryRun: 'All' },
    },
    {
      name: 'a subresource POST',
      call: (c: HttpsResourceClient) =>
        c.resource(resources.pods).createSubresource('ns1', 'p1', 'binding', { metadata: { name: 'p1' } }),
      method: 'POST',
      path: '/api/v1/namespaces/ns1/pods/p1/binding',
      query: {},
    },
    {
      name: 'a subresource GET',
      call: (c: HttpsResourceClient) => c.resource(resources.deployments).getSubresource('ns1', 'd1', 'scale'),
      method: 'GET',
      path: '/apis/apps/v1/namespaces/ns1/deployments/d1/scale',
      query: {},
    },
    {
      name: 'a name that needs escaping',
      call: (c: HttpsResourceClient) => c.resource(resources.configMaps).get('ns1', 'a b'),
      method: 'GET',
      path: '/api/v1/namespaces/ns1/configmaps/a%20b',
      query: {},
    },
  ])('$name', async ({ call, method, path, query }) => {
    await call(client);
    expect({
      method: last().method,
      path: last().url.pathname,
      query: Object.fromEntries(last().url.searchParams),
    }).toEqual({ method, path, query });
  });

  it('sends delete options in the body and dryRun in the query', async () => {
    await client.resource(resources.pods).delete('ns1', 'p1', {
      gracePeriodSeconds: 0,
      propagationPolicy: 'Foreground',
      preconditions: { uid: 'u1' },
      dryRun: true,
    });
    expect(last().method).toBe('DELETE');
    expect(last().url.search).toBe('?dryRun=All');
    expect(JSON.parse(last().body)).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 0,
      propagationPolicy: 'Foreground',
      preconditions: { uid: 'u1' },
    });
  });

  it.each<{ type: PatchType; patch: unknown; body: string }>([
    {
      type: jsonPatchType,
      patch: [{ op: 'add', path: '/metadata/labels', value: {} }],
      body: '[{"op":"add","path":"/metadata/labels","value":{}}]',
    },
    { type: mergePatchType, patch: { metadata: { labels: { a: null } } }, body: '{"metadata":{"labels":{"a":null}}}' },
    { type: strategicMergePatchType, patch: { status: { phase: 'Running' } }, body: '{"status":{"phase":"Running"}}' },
    { type: applyPatchType, patch: 'apiVersion: v1\nkind: Pod\n', body: 'apiVersion: v1\nkind: Pod\n' },
  ])('patches with $type', async ({ type, patch, body }) => {
    await client.resource(resources.pods).patch('ns1', 'p1', type, patch, { subresource: 'status', fieldManager: 'm' });
    expect(last()).toMatchObject({ method: 'PATCH', body, headers: { 'content-type': type } });
    expect(last().url.pathname + last().url.search).toBe('/api/v1/namespaces/ns1/pods/p1/status?fieldManager=m');
  });

  it('knows the local address of its connection', async () => {
    expect(client.localAddress()).toBeUndefined();
    await client.resource(resources.pods).get('ns1', 'p1');
    expect(client.localAddress()).toBe('127.0.0.1');
  });
});
