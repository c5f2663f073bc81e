// Authentication and the HTTP edge of the running server, with plain HTTPS requests and real
// kubectl: 401 Status without credentials, open health endpoints, body limits, Python-client quirks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { httpsRequest, readStreamLines } from './support/https-client';

const configMap = (name: string, data: Record<string, string> = { a: '1' }) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

const jsonHeaders = { 'Content-Type': 'application/json' };

describe('authentication and the HTTP edge', () => {
  let server: KubenestServer;

  beforeAll(async () => {
    server = await startKubenest();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('answers a request without credentials with a 401 Unauthorized Status', async () => {
    const res = await httpsRequest(server, { path: '/api/v1/namespaces' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('answers a bad bearer token with a 401 Unauthorized Status', async () => {
    const res = await httpsRequest(server, { path: '/api/v1/namespaces', token: 'not-a-real-token' });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });

  it.each(['/healthz', '/livez', '/readyz'])('answers %s without credentials', async (path) => {
    const res = await httpsRequest(server, { path, headers: { Accept: '*/*' } });
    expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: 'ok' });
  });

  it('answers /version without credentials, as Kubernetes 1.33', async () => {
    const res = await httpsRequest(server, { path: '/version?timeout=5s' });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ major: '1', minor: '33' });
    expect(res.json().gitVersion).toMatch(/^v1\.33\./);
  });

  it('accepts the admin token as a bearer token', async () => {
    const res = await httpsRequest(server, { path: '/api/v1/namespaces', token: server.token });
    expect(res.status).toBe(200);
    const list = res.json();
    expect(list.kind).toBe('NamespaceList');
    expect(list.items.map((ns: any) => ns.metadata.name)).toContain('default');
  });

  it('makes kubectl without credentials say "You must be logged in to the server"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubenest-anon-'));
    const kubeconfig = join(dir, 'anonymous.kubeconfig');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'kubenest',
            cluster: { server: server.url, 'certificate-authority-data': Buffer.from(server.caPem).toString('base64') },
          },
        ],
        // A user with nothing to authenticate with makes kubectl prompt for a username on stdin;
        // a bare username (no password, no token, no certificate) skips the prompt and proves nothing.
        users: [{ name: 'nobody', user: { username: 'nobody' } }],
        contexts: [{ name: 'anonymous', context: { cluster: 'kubenest', user: 'nobody' } }],
        'current-context': 'anonymous',
      }),
    );
    const result = await new Kubectl(kubeconfig).run(['get', 'namespaces']);
    rmSync(dir, { recursive: true, force: true });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('You must be logged in to the server');
  });

  it('rejects a body over 3 MiB with a 413 Status', async () => {
    const big = configMap('too-big', { blob: 'x'.repeat(3 * 1024 * 1024 + 1024) });
    const res = await httpsRequest(server, {
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      token: server.token,
      headers: jsonHeaders,
      body: big,
      expectContinue: true,
    });
    expect(res.status).toBe(413);
    expect(res.json()).toMatchObject({ kind: 'Status', status: 'Failure', code: 413 });
    const after = await httpsRequest(server, {
      path: '/api/v1/namespaces/default/configmaps/too-big',
      token: server.token,
    });
    expect(after.status).toBe(404);
  });

  it('reads a body just under 3 MiB and judges it by the ConfigMap 1 MiB limit', async () => {
    const body = configMap('almost-too-big', { blob: 'x'.repeat(3 * 1024 * 1024 - 4096) });
    const res = await httpsRequest(server, {
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      token: server.token,
      headers: jsonHeaders,
      body,
    });
    // The body limit lets it through; the ConfigMap data limit then answers, as in Kubernetes.
    expect(res.status).toBe(422);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422 });
  });

  it('rejects malformed JSON with a 400 BadRequest Status', async () => {
    const res = await httpsRequest(server, {
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      token: server.token,
      headers: jsonHeaders,
      body: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {',
    });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400 });
  });

  it('serves a Python-client style watch=True as a watch stream', async () => {
    const created = await httpsRequest(server, {
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      token: server.token,
      headers: jsonHeaders,
      body: configMap('watched'),
    });
    expect(created.status).toBe(201);
    const watch = await readStreamLines(
      server,
      {
        path: '/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name%3Dwatched&watch=True&timeoutSeconds=30',
        token: server.token,
      },
      1,
    );
    expect(watch.status).toBe(200);
    const event = JSON.parse(watch.lines[0]);
    expect(event).toMatchObject({ type: 'ADDED', object: { kind: 'ConfigMap', metadata: { name: 'watched' } } });
  });

  it('reads query booleans as kube-apiserver does: anything but 0 and false is true', async () => {
    const res = await httpsRequest(server, {
      path: '/api/v1/namespaces/default/configmaps?watch=garbage&timeoutSeconds=1',
      token: server.token,
    });
    expect(res.status).toBe(200);
    const events = res.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.every((e: { type: string }) => e.type === 'ADDED')).toBe(true);
  });

  it.each([
    { how: 'with body {}', cmName: 'py-delete-braces', body: '{}' as string | undefined },
    { how: 'with Content-Type: application/json and no body', cmName: 'py-delete-empty', body: undefined },
  ])('deletes Python-client style, $how', async ({ cmName, body }) => {
    const created = await httpsRequest(server, {
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      token: server.token,
      headers: jsonHeaders,
      body: configMap(cmName),
    });
    expect(created.status).toBe(201);
    const res = await httpsRequest(server, {
      method: 'DELETE',
      path: `/api/v1/namespaces/default/configmaps/${cmName}`,
      token: server.token,
      headers: jsonHeaders,
      body,
    });
    expect(res.status).toBe(200);
    expect(res.json().kind).toMatch(/^(Status|ConfigMap)$/);
    const after = await httpsRequest(server, {
      path: `/api/v1/namespaces/default/configmaps/${cmName}`,
      token: server.token,
    });
    expect(after.status).toBe(404);
    expect(after.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
  });
});
