// The bytes of the answers, as real clients found them to differ from kube-apiserver's: JSON bodies
// ending as Go's encoder ends them, Status in Go's field order, empty optional fields left out,
// Endpoints addresses refused as kube refuses them, and idle connections kept open past Node's 5 s.
import { Agent, request } from 'node:https';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { httpsRequest } from './support/https-client';

const CM_PATH = '/api/v1/namespaces/default/configmaps';
const EP_PATH = '/api/v1/namespaces/default/endpoints';

describe('the wire format', () => {
  let server: KubenestServer;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    httpsRequest(server, {
      method,
      path,
      token: server.token,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...headers },
    });

  beforeAll(async () => {
    server = await startKubenest();
    const cm = { metadata: { name: 'wire', annotations: { only: 'one' } }, data: { k: 'v' } };
    expect((await call('POST', CM_PATH, cm)).status).toBe(201);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    { name: 'an object', path: `${CM_PATH}/wire` },
    { name: 'a list', path: CM_PATH },
    { name: 'a table', path: CM_PATH, accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    { name: 'a Status', path: `${CM_PATH}/missing` },
    { name: 'legacy discovery', path: '/api/v1' },
    {
      name: 'aggregated discovery',
      path: '/apis',
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    },
  ])("ends $name with one newline, as kube's serializer does", async ({ path, accept }) => {
    const res = await call('GET', path, undefined, accept ? { Accept: accept } : {});
    expect(res.text).toMatch(/[^\n]\n$/);
  });

  it('writes /version indented and OpenAPI compact, without a newline, as kube does', async () => {
    const version = await call('GET', '/version');
    expect(version.text).toBe(JSON.stringify(version.json(), null, 2));
    expect((await call('GET', '/openapi/v3')).text).toMatch(/}$/);
  });

  it("writes a core group's NotFound byte for byte as kube-apiserver", async () => {
    const res = await call('GET', `${CM_PATH}/missing`);
    expect(res.text).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \\"missing\\" not found",' +
        '"reason":"NotFound","details":{"name":"missing","kind":"configmaps"},"code":404}\n',
    );
  });

  it('leaves out annotations once a merge patch removes the last one, in the answer and later', async () => {
    const patched = await call(
      'PATCH',
      `${CM_PATH}/wire`,
      { metadata: { annotations: { only: null } } },
      {
        'Content-Type': 'application/merge-patch+json',
      },
    );
    expect(patched.status).toBe(200);
    expect(patched.json().metadata).not.toHaveProperty('annotations');
    expect(patched.text).not.toContain('"annotations"');
    expect((await call('GET', `${CM_PATH}/wire`)).json().metadata).not.toHaveProperty('annotations');
  });

  it("leaves out an Endpoints' empty subsets", async () => {
    const created = await call('POST', EP_PATH, { metadata: { name: 'empty' }, subsets: [] });
    expect(created.status).toBe(201);
    expect(created.json()).not.toHaveProperty('subsets');
    expect((await call('GET', `${EP_PATH}/empty`)).json()).not.toHaveProperty('subsets');
  });

  it("refuses a loopback endpoint address with kube-apiserver's 422", async () => {
    const endpoints = {
      metadata: { name: 'lo' },
      subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 5432 }] }],
    };
    const res = await call('POST', EP_PATH, endpoints);
    expect(res.status).toBe(422);
    expect(res.json().message).toBe(
      'Endpoints "lo" is invalid: subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    );
  });

  it("keeps an idle connection open past Node's default 5 s", async () => {
    const agent = new Agent({ keepAlive: true, ca: server.caPem });
    const get = () =>
      new Promise<boolean>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: '/version', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(req.reusedSocket));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get()).toBe(false);
      await new Promise((r) => setTimeout(r, 6_000));
      expect(await get()).toBe(true);
    } finally {
      agent.destroy();
    }
  }, 20_000);
});
