// Hostile and malformed request bodies, on every write verb and body type: each gets a 4xx Status,
// nothing is half-written, and the server keeps serving. The cases are ones that once crashed it
// (deeply nested YAML flow collections ran it out of memory) or answered 500.
import { randomBytes } from 'node:crypto';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { httpsRequest } from './support/https-client';

const nested = (levels: number, open: string, close: string) => open.repeat(levels) + close.repeat(levels);
const deepLabels = (levels: number) =>
  `{"metadata":{"name":"deep","labels":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}}`;

const BODIES: { name: string; type: string; body: Buffer | string }[] = [
  { name: 'random bytes as protobuf', type: 'application/vnd.kubernetes.protobuf', body: randomBytes(200) },
  {
    name: 'a protobuf envelope around garbage',
    type: 'application/vnd.kubernetes.protobuf',
    body: Buffer.concat([Buffer.from('k8s\0'), randomBytes(300)]),
  },
  {
    name: 'a protobuf field longer than the body',
    type: 'application/vnd.kubernetes.protobuf',
    body: Buffer.concat([Buffer.from('k8s\0\x0a\x02v1\x12\x03Pod\x12\xff\xff\xff\xff\x0f', 'latin1'), randomBytes(50)]),
  },
  { name: '200,000 nested JSON arrays', type: 'application/json', body: nested(200_000, '[', ']') },
  { name: '5,000 nested JSON objects', type: 'application/json', body: deepLabels(5000) },
  { name: '100,000 nested YAML flow sequences', type: 'application/yaml', body: nested(100_000, '[', ']') },
  {
    name: 'a YAML alias bomb',
    type: 'application/yaml',
    body: 'a: &a ["x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
  },
  {
    name: 'an object where a string belongs',
    type: 'application/json',
    body: '{"metadata":{"name":"x"},"data":{"a":{"b":1}}}',
  },
  { name: 'a number beyond float64', type: 'application/json', body: '{"metadata":{"name":"x"},"data":{"a":1e400}}' },
  {
    name: 'a 100,000-character name',
    type: 'application/json',
    body: `{"metadata":{"name":"${'a'.repeat(100_000)}"}}`,
  },
];

const WRITES: { method: string; path: string; type?: string }[] = [
  { method: 'POST', path: '/api/v1/namespaces/default/configmaps' },
  { method: 'PUT', path: '/api/v1/namespaces/default/configmaps/target' },
  { method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/target', type: 'application/merge-patch+json' },
  {
    method: 'PATCH',
    path: '/api/v1/namespaces/default/configmaps/target',
    type: 'application/strategic-merge-patch+json',
  },
  { method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/target', type: 'application/json-patch+json' },
];

describe('malformed and hostile request bodies', () => {
  let server: KubenestServer;
  const write = (method: string, path: string, type: string, body: Buffer | string) =>
    httpsRequest(server, { method, path, token: server.token, headers: { 'Content-Type': type }, body });

  beforeAll(async () => {
    server = await startKubenest();
    const target = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'target' }, data: { a: '1' } };
    expect((await write('POST', WRITES[0].path, 'application/json', JSON.stringify(target))).status).toBe(201);
  });

  afterAll(async () => {
    await server?.stop();
  });

  describe.each(BODIES)('$name', ({ type, body }) => {
    it.each(WRITES)('$method $path $type: a 4xx Status', async (w) => {
      // Patches are sent as their patch type, except when the case is about another body type.
      const contentType = w.type && type === 'application/json' ? w.type : type;
      const res = await write(w.method, w.path, contentType, body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.json()).toMatchObject({ kind: 'Status', status: 'Failure', code: res.status });
    });
  });

  it.each(['GET', 'PUT', 'PATCH', 'DELETE'])('%s of a name holding a NUL byte: 404', async (method) => {
    const res = await write(method, `${WRITES[0].path}/a%00b`, 'application/merge-patch+json', '{}');
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'NotFound' });
  });

  it('still serves, with the target unchanged and nothing else written', async () => {
    expect((await httpsRequest(server, { path: '/readyz' })).status).toBe(200);
    const list = await httpsRequest(server, { path: '/api/v1/namespaces/default/configmaps', token: server.token });
    const items = list.json().items as { metadata: { name: string }; data: Record<string, string> }[];
    // The root CA publisher's kube-root-ca.crt is the control plane's own write in every namespace.
    const written = items.filter((i) => i.metadata.name !== 'kube-root-ca.crt');
    expect(written.map((i) => [i.metadata.name, i.data])).toEqual([['target', { a: '1' }]]);
  });
});
