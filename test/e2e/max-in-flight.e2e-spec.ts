// The in-flight limit on the running server, as kube-apiserver's --max-requests-inflight and
// --max-mutating-requests-inflight: an attacker's slow requests (bodies declared, never sent) fill
// every place, and the next request gets 429 with Retry-After: 1; watches still open, the admin
// still gets answers, and once the slow requests are gone the places are free again.
import { connect as connectTls, TLSSocket } from 'node:tls';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';
import { bootstrapTokenManifest } from './support/bootstrap-token';
import { httpsRequest } from './support/https-client';

jest.setTimeout(120_000);

const TOKEN = 'abcdef.0123456789abcdef';
const CSRS = '/apis/certificates.k8s.io/v1/certificatesigningrequests';

describe('the in-flight limit', () => {
  let server: KubenestServer;
  const slow: TLSSocket[] = [];

  /** A request from the bootstrap token that declares a body and never sends it: it holds its place. */
  const holdPlace = (method: string): Promise<void> =>
    new Promise((resolve) => {
      const socket = connectTls({ host: '127.0.0.1', port: server.port, ca: server.caPem }, () => {
        socket.write(
          `${method} ${CSRS} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
        );
        resolve();
      });
      socket.on('error', () => undefined);
      slow.push(socket);
    });

  const asBootstrap = (method = 'GET', path = CSRS) =>
    httpsRequest(server, { method, path, token: TOKEN, body: method === 'POST' ? '{}' : undefined });

  beforeAll(async () => {
    server = await startKubenest({ KUBENEST_MAX_REQUESTS_INFLIGHT: '2', KUBENEST_MAX_MUTATING_REQUESTS_INFLIGHT: '1' });
    const created = await httpsRequest(server, {
      method: 'POST',
      path: '/api/v1/namespaces/kube-system/secrets',
      token: server.token,
      headers: { 'Content-Type': 'application/json' },
      body: bootstrapTokenManifest(TOKEN),
    });
    expect(created.status).toBe(201);
    await waitFor('the bootstrap token', async () => (await asBootstrap()).status === 200 || undefined, 10_000);
  });

  afterAll(async () => {
    slow.forEach((s) => s.destroy());
    await server?.stop();
  });

  it('answers 429 past the limit while watches and the admin are served, and frees the places after', async () => {
    await Promise.all([holdPlace('GET'), holdPlace('GET'), holdPlace('POST')]);
    await waitFor('every place taken', async () => (await asBootstrap()).status === 429 || undefined, 10_000);

    const read = await asBootstrap();
    expect(read.status).toBe(429);
    expect(read.headers['retry-after']).toBe('1');
    expect(read.json()).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
    expect((await asBootstrap('POST')).status).toBe(429);

    // Long-running: not counted, not refused.
    const watch = await asBootstrap('GET', `${CSRS}?watch=true&timeoutSeconds=1`);
    expect(watch.status).toBe(200);
    // system:masters always gets an answer, as kube's filter lets it through.
    expect((await httpsRequest(server, { path: '/api/v1/namespaces', token: server.token })).status).toBe(200);

    slow.forEach((s) => s.destroy());
    await waitFor('the bootstrap token', async () => (await asBootstrap()).status === 200 || undefined, 10_000);
  });
});
