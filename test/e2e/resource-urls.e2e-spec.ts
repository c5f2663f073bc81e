// Resource URLs are served ahead of Express (the front door): how they are matched and decoded,
// and that every miss or refusal is still a Status, while the URLs Express serves stay served.
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { httpsRequest } from './support/https-client';

describe('resource URLs at the front door', () => {
  let server: KubenestServer;
  const request = (method: string, path: string, body?: string, token = server.token) =>
    httpsRequest(server, {
      method,
      path,
      token,
      body,
      headers: body ? { 'Content-Type': 'application/json' } : {},
    });

  beforeAll(async () => {
    server = await startKubenest();
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a.b' }, data: { k: 'v' } };
    expect((await request('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify(cm))).status).toBe(201);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    ['percent-encoded segments', '/api/v1/namespaces/%64efault/configmaps/a%2Eb'],
    ['a trailing slash', '/api/v1/namespaces/default/configmaps/a.b/'],
  ])('reads %s as the object', async (_, path) => {
    const res = await request('GET', path);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'a.b' } });
  });

  it.each([
    { name: 'bad percent-encoding', path: '/api/v1/namespaces/default/configmaps/%E0%A4%A', code: 400 },
    { name: 'an unknown resource', path: '/api/v1/namespaces/default/nothings', code: 404 },
    { name: 'an unknown group', path: '/apis/nowhere.example/v1/things', code: 404 },
    { name: 'a cluster-scoped resource in a namespace', path: '/api/v1/namespaces/default/nodes', code: 404 },
    { name: 'too many segments', path: '/api/v1/namespaces/default/configmaps/a.b/status/more', code: 404 },
    { name: 'HEAD', method: 'HEAD', path: '/api/v1/namespaces/default/configmaps', code: 405 },
    { name: 'OPTIONS', method: 'OPTIONS', path: '/api/v1/namespaces/default/configmaps', code: 405 },
  ])('answers $name with a $code Status', async ({ method = 'GET', path, code }) => {
    const res = await request(method, path);
    expect(res.status).toBe(code);
    const reason = { 400: 'BadRequest', 404: 'NotFound', 405: 'MethodNotAllowed' }[code];
    if (method !== 'HEAD') expect(res.json()).toMatchObject({ kind: 'Status', code, reason });
  });

  it.each([
    ['no credentials', ''],
    ['a wrong token', 'not-a-token'],
  ])('answers %s with a 401 Status, body unread', async (_, token) => {
    const res = await request('POST', '/api/v1/namespaces/default/configmaps', '{"metadata":{"name":"x"}}', token);
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });
  });

  it.each(['/api/v1', '/apis/apps/v1', '/api', '/apis', '/version'])(
    'leaves %s to the Express routes',
    async (path) => {
      const res = await request('GET', path);
      expect(res.status).toBe(200);
      expect(res.json()).toHaveProperty(path === '/version' ? 'gitVersion' : 'kind');
    },
  );
});
