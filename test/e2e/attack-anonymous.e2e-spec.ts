// What a client without credentials can make the server do (issue 8), replayed against the built
// server: bodies declared on every path are refused before a byte of them is read, unknown paths
// answer as every other protected path does, the console holds no part of the API, slow clients
// are cut off, requests the HTTP parser refuses and CONNECT get a Status, and TLS 1.2 offers only
// ECDHE with AES-GCM or ChaCha20-Poly1305, never renegotiating.
import { readFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { connect as connectTls, ConnectionOptions, TLSSocket } from 'node:tls';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { httpsRequest } from './support/https-client';

const MiB = 1024 * 1024;

const rssOf = (pid: number): number =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

interface DeclaredBody {
  path: string;
  socket: TLSSocket;
  /** The status line's code once the server has answered. */
  status?: number;
  answered: Promise<void>;
}

/** Sends `method` to `path` declaring a 3 MiB body, of which it sends the first 4 KiB, and waits. */
const declareBody = (server: KubenestServer, path: string, method = 'POST'): DeclaredBody => {
  const socket = connectTls({ host: '127.0.0.1', port: server.port, ca: server.caPem }, () => {
    socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`);
    socket.write(`Content-Length: ${3 * MiB}\r\n\r\n`);
    socket.write(Buffer.alloc(4096, ' '));
  });
  const connection: DeclaredBody = { path, socket, answered: Promise.resolve() };
  connection.answered = new Promise((resolve) => {
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(head);
      if (status) connection.status = Number(status[1]);
      if (status) resolve();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
  return connection;
};

/** Writes raw bytes over TLS; resolves with the status line and body the server wrote before closing. */
const sendRaw = (server: KubenestServer, raw: string): Promise<{ statusLine: string; body: string }> =>
  new Promise((resolve) => {
    const socket = connectTls({ host: '127.0.0.1', port: server.port, ca: server.caPem }, () => socket.write(raw));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const [head, body = ''] = answer.split('\r\n\r\n');
      resolve({ statusLine: head.split('\r\n')[0], body });
    });
  });

const within = (ms: number, promise: Promise<unknown>): Promise<unknown> =>
  Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);

/** Resolves with how long the server kept a connection open, or undefined if still open after `limitMs`. */
const heldFor = (socket: { once(event: 'close', listener: () => void): unknown }, limitMs: number) => {
  const start = Date.now();
  return new Promise<number | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), limitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - start);
    });
  });
};

/** Completes a TLS handshake offering only what `options` allow; resolves with the suite agreed, or the error. */
const handshake = (server: KubenestServer, options: ConnectionOptions): Promise<string> =>
  new Promise((resolve) => {
    const socket = connectTls({ host: '127.0.0.1', port: server.port, ca: server.caPem, ...options }, () => {
      resolve(`${socket.getProtocol()} ${socket.getCipher().name}`);
      socket.destroy();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => resolve(`refused: ${e.code ?? e.message}`));
  });

describe('anonymous attacks', () => {
  let server: KubenestServer;
  let silentHandshake: Promise<number | undefined>;
  let slowHeaders: Promise<number | undefined>;
  let stopSlowHeaders: () => void;

  beforeAll(async () => {
    server = await startKubenest();
    // Slow clients run beside the other tests; the last test reads how long the server waited.
    const silent = connectTcp(server.port, '127.0.0.1');
    silent.on('error', () => undefined);
    silentHandshake = heldFor(silent, 50_000);
    const slow = connectTls({ host: '127.0.0.1', port: server.port, ca: server.caPem }, () =>
      slow.write('GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
    );
    slow.on('error', () => undefined);
    // A header line every 2 s, never the blank line that ends them: the slowloris attack.
    const trickle = setInterval(() => slow.write('X-Slow: 1\r\n'), 2_000);
    stopSlowHeaders = () => {
      clearInterval(trickle);
      slow.destroy();
      silent.destroy();
    };
    slowHeaders = heldFor(slow, 50_000);
  });

  afterAll(async () => {
    stopSlowHeaders?.();
    await server?.stop();
  });

  it('answers 300 connections declaring 3 MiB bodies at once, without holding their bytes', async () => {
    const paths = ['/version', '/healthz', '/no/such/path', '/openapi/v3', '/tunnel/v1/nodes/n1', '/api/v1/namespaces'];
    // Warm: the first requests load code and caches that count in the RSS too.
    for (const path of paths) await httpsRequest(server, { path });
    const before = rssOf(server.pid);

    const connections = Array.from({ length: 300 }, (_, i) => declareBody(server, paths[i % paths.length]));
    // Generous for 300 TLS handshakes on a shared machine; unfixed, the server waits for the
    // bodies for five minutes.
    await within(20_000, Promise.all(connections.map((c) => c.answered)));
    // An attacker goes on sending into whatever the server has not answered.
    for (const c of connections.filter((c) => c.status === undefined && !c.socket.destroyed)) {
      c.socket.write(Buffer.alloc(MiB, ' '));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = rssOf(server.pid);
    connections.forEach((c) => c.socket.destroy());

    const answers = connections.map((c) => `${c.path} ${c.status ?? 'no answer'}`);
    const expected = connections.map((c) => `${c.path} ${['/version', '/healthz'].includes(c.path) ? 413 : 401}`);
    expect(answers).toEqual(expected);
    const grewMiB = (after - before) / MiB;
    expect(grewMiB).toBeLessThan(64);
  });

  it('answers 200 connections writing the one object anonymous clients may read at once, without holding their bytes', async () => {
    // Anonymous clients pass authentication on cluster-info, so only authorization stops them.
    const clusterInfo = '/api/v1/namespaces/kube-public/configmaps/cluster-info';
    expect((await httpsRequest(server, { path: clusterInfo })).status).toBe(200);
    const before = rssOf(server.pid);

    const connections = Array.from({ length: 200 }, (_, i) =>
      declareBody(server, clusterInfo, ['PUT', 'PATCH'][i % 2]),
    );
    // Unfixed, the server reads each body before asking whether the client may write.
    await within(20_000, Promise.all(connections.map((c) => c.answered)));
    const answers = connections.map((c) => c.status ?? 'no answer');
    for (const c of connections.filter((c) => c.status === undefined && !c.socket.destroyed)) {
      c.socket.write(Buffer.alloc(3 * MiB - 4096, ' '));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = rssOf(server.pid);
    connections.forEach((c) => c.socket.destroy());

    expect(answers).toEqual(connections.map(() => 403));
    expect((after - before) / MiB).toBeLessThan(64);
  });

  it('invites a body that waits for 100 Continue only once its sender may send it', async () => {
    /** What the server says to a POST that declares a body and waits before sending it. */
    const firstAnswers = (token?: string) =>
      new Promise<string>((resolve) => {
        const body = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'expect-continue' } });
        const socket = connectTls({ host: '127.0.0.1', port: server.port, ca: server.caPem }, () =>
          socket.write(
            'POST /api/v1/namespaces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
              `${token ? `Authorization: Bearer ${token}\r\n` : ''}Content-Length: ${body.length}\r\n` +
              'Expect: 100-continue\r\n\r\n',
          ),
        );
        let head = '';
        socket.on('data', (chunk: Buffer) => {
          head += chunk.toString('latin1');
          if (head.startsWith('HTTP/1.1 100 ') && head.endsWith('\r\n\r\n')) socket.write(body);
          const statuses = head.match(/^HTTP\/1\.1 \d{3}/gm) ?? [];
          if (statuses.some((s) => !s.endsWith(' 100'))) {
            resolve(statuses.map((s) => s.slice(-3)).join(' '));
            socket.destroy();
          }
        });
        socket.on('error', () => resolve(head));
      });
    expect(await firstAnswers()).toBe('401');
    expect(await firstAnswers(server.token)).toBe('100 201');
  });

  it('answers 401 to an anonymous request for an unknown path, and 404 to the admin', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const anonymous = await httpsRequest(server, { method, path: '/no/such/path' });
      expect(anonymous.status).toBe(401);
      expect(anonymous.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    }
    const admin = await httpsRequest(server, { path: '/no/such/path', token: server.token });
    expect(admin.status).toBe(404);
    expect(admin.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
  });

  it('refuses a body on a public path, and still serves the path without one', async () => {
    const refused = await httpsRequest(server, { path: '/version', body: '{}' });
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe('close');
    expect(refused.json()).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge', code: 413 });
    const served = await httpsRequest(server, { path: '/version' });
    expect(served.status).toBe(200);
    expect(served.json()).toHaveProperty('gitVersion');
  });

  it('gives anonymous clients no API path or schema under /docs, and its document only with a token', async () => {
    for (const path of ['/docs/', '/docs/swagger-ui-init.js', '/docs/index.html']) {
      const page = await httpsRequest(server, { path, headers: { Accept: '*/*' } });
      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(/\/api\/v1|\/apis\/|io\.k8s\.api|ObjectMeta|namespaces/);
    }
    const document = await httpsRequest(server, { path: '/openapi/console' });
    expect(document.status).toBe(401);
    const authorized = await httpsRequest(server, { path: '/openapi/console', token: server.token });
    expect(authorized.status).toBe(200);
    expect(Object.keys(authorized.json().paths)).toContain('/api/v1/namespaces');
  });

  it.each([
    {
      name: 'headers of 20 KiB',
      head: `GET /api/v1/namespaces HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20 * 1024)}\r\n`,
      statusLine: 'HTTP/1.1 431 Request Header Fields Too Large',
      status: { reason: 'RequestHeaderFieldsTooLarge', code: 431 },
    },
    {
      name: 'a garbage request line',
      head: 'GARBAGE\x7f /version HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      statusLine: 'HTTP/1.1 400 Bad Request',
      status: { reason: 'BadRequest', code: 400, message: 'malformed HTTP request: Invalid method encountered' },
    },
    {
      name: 'CONNECT',
      head: 'CONNECT /api/v1/namespaces/default/pods/p/proxy HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      statusLine: 'HTTP/1.1 405 Method Not Allowed',
      status: { reason: 'MethodNotAllowed', code: 405 },
    },
  ])('answers $name with a Status, anonymous or not, and goes on serving', async ({ head, statusLine, status }) => {
    for (const credentials of ['', `Authorization: Bearer ${server.token}\r\n`]) {
      const answer = await sendRaw(server, `${head}${credentials}\r\n`);
      expect(answer.statusLine).toBe(statusLine);
      expect(JSON.parse(answer.body)).toMatchObject({ kind: 'Status', status: 'Failure', ...status });
      expect(answer.body).not.toContain(server.token);
    }
    expect((await httpsRequest(server, { path: '/api/v1/namespaces/default', token: server.token })).status).toBe(200);
  });

  it.each([
    'ECDHE-ECDSA-AES128-SHA',
    'ECDHE-ECDSA-AES256-SHA384',
    'ECDHE-ECDSA-AES128-CCM',
    'ECDHE-ECDSA-ARIA128-GCM-SHA256',
  ])('refuses a TLS 1.2 client offering only %s', async (ciphers) => {
    expect(await handshake(server, { ciphers, maxVersion: 'TLSv1.2' })).toMatch(/^refused: /);
  });

  it.each(['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305'])(
    'agrees on TLS 1.2 with %s',
    async (ciphers) => {
      expect(await handshake(server, { ciphers, maxVersion: 'TLSv1.2' })).toBe(`TLSv1.2 ${ciphers}`);
    },
  );

  it('refuses a TLS 1.2 client asking to renegotiate', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connectTls({ host: '127.0.0.1', port: server.port, ca: server.caPem, maxVersion: 'TLSv1.2' }, () =>
        socket.renegotiate({}, (error) => {
          resolve(error ? `refused: ${(error as NodeJS.ErrnoException).code}` : 'renegotiated');
          socket.destroy();
        }),
      );
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(`refused: ${e.code}`));
    });
    expect(outcome).toBe('refused: ERR_SSL_NO_RENEGOTIATION');
  });

  it('agrees on TLS 1.3 with AES-GCM or ChaCha20-Poly1305, not CCM, and kubectl still works', async () => {
    expect(await handshake(server, { minVersion: 'TLSv1.3' })).toMatch(/^TLSv1\.3 TLS_AES_(128|256)_GCM_SHA(256|384)$/);
    expect(await handshake(server, { minVersion: 'TLSv1.3', ciphers: 'TLS_CHACHA20_POLY1305_SHA256' })).toBe(
      'TLSv1.3 TLS_CHACHA20_POLY1305_SHA256',
    );
    expect(await handshake(server, { minVersion: 'TLSv1.3', ciphers: 'TLS_AES_128_CCM_SHA256' })).toMatch(/^refused: /);
    expect(await new Kubectl(server.kubeconfig).ok(['get', 'namespace', 'default', '-o', 'name'])).toBe(
      'namespace/default\n',
    );
  });

  it('cuts off a client that never completes its handshake or its headers after about 32 s', async () => {
    // Unfixed, Node waits 120 s for a handshake and 60 s (checked every 30 s) for headers.
    const [handshakeMs, headersMs] = await Promise.all([silentHandshake, slowHeaders]);
    for (const heldMs of [handshakeMs ?? Infinity, headersMs ?? Infinity]) {
      expect(heldMs).toBeGreaterThan(30_000);
      expect(heldMs).toBeLessThan(40_000);
    }
  });
});
