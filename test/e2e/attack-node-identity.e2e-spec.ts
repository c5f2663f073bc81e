// Attacks with a node's identity and with a bootstrap token, replayed against a control plane
// and a real agent: a node reads only the secrets and config maps its own pods name (not other
// nodes', not bootstrap tokens', not once its pod is gone), by name or by a watch of that name; a
// bootstrap token cannot get the certificate of a live node, however slow its clock and right
// after an apiserver restart, and a second tunnel with a node's certificate takes none of the
// first one's exec sessions; a tunnel message over 1 MiB is refused from its header; a node
// cannot give its own Node a role label.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { connect, TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import { parse } from 'yaml';
import { makeCsr, makeKeyAndRequestPem, makeRequestPem } from '@kubenest/api/certificates/csr/testing/make-csr';
import { Kubectl } from '@kubenest/testing/kubectl';
import { waitFor } from '@kubenest/testing/wait';
import { controlPath } from '@kubenest/node-protocol';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';
import { bootstrapTokenManifest } from './support/bootstrap-token';
import { HttpsRequest, HttpsTarget, httpsRequest, readStreamLines } from './support/https-client';
import { nodePod } from './support/node-pod';
import { PodAgentCluster, startPodAgentCluster } from './support/pod-agent';

const NODE = 'e2e-attacked-node';
const ELSEWHERE = 'e2e-elsewhere';
const TOKEN = 'attack.0123456789abcdef';
const CSRS = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const LEASES = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';
/** The node monitor grace period of this file's control plane: short, so that a rejoin comes soon.
 * The agent's lease, held for 40 s, keeps its own 40 s. */
const GRACE_SECONDS = 10;
const secretPath = (name: string, namespace = 'default') => `/api/v1/namespaces/${namespace}/secrets/${name}`;
const configMapPath = (name: string) => `/api/v1/namespaces/default/configmaps/${name}`;

interface NodeIdentity {
  certPem: string;
  keyPem: string;
}

type Identity = NodeIdentity | { token: string };

const csrConditions = (csr: { status?: { conditions?: { type: string; reason: string }[] } }) =>
  (csr.status?.conditions ?? []).map((c) => `${c.type}/${c.reason}`);

/** Asks for a node client certificate for nodeName as `identity`; the CSR once decided (denied or issued). */
const requestCertificate = async (
  target: HttpsTarget,
  admin: string,
  name: string,
  nodeName: string,
  identity: Identity,
  requestPem?: string,
) => {
  const pem = requestPem ?? (await makeRequestPem(`CN=system:node:${nodeName}, O=system:nodes`));
  const created = await httpsRequest(target, {
    method: 'POST',
    path: CSRS,
    body: JSON.stringify(makeCsr(pem, {}, name)),
    ...identity,
  });
  expect(created.status).toBe(201);
  return waitFor(
    `a decision on ${name}`,
    async () => {
      const got = (await httpsRequest(target, { path: `${CSRS}/${name}`, token: admin })).json();
      const decided = (got.status?.conditions ?? []).some((c: { type: string }) => c.type === 'Denied');
      return decided || got.status?.certificate ? got : undefined;
    },
    15_000,
    100,
  );
};

/**
 * Asks again, a new CSR a second, until the name is given out: how many were denied first and how
 * long it took. A name stays in use for the grace period after the last renewal seen.
 */
const requestUntilIssued = async (
  target: HttpsTarget,
  admin: string,
  prefix: string,
  nodeName: string,
  token: string,
) => {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const csr = await requestCertificate(target, admin, `${prefix}-${attempt}`, nodeName, { token });
    if (csr.status?.certificate) return { denied: attempt - 1, ms: Date.now() - started, csr };
    expect(csrConditions(csr)).toEqual(['Denied/NodeIdentityInUse']);
    if (Date.now() - started > (GRACE_SECONDS + 30) * 1000) throw new Error(`${nodeName} still in use`);
    await new Promise((r) => setTimeout(r, 1000));
  }
};

const leaseBody = (node: string, renewTime: Date, leaseDurationSeconds: number) =>
  JSON.stringify({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: node, namespace: 'kube-node-lease' },
    spec: { holderIdentity: node, leaseDurationSeconds, renewTime: renewTime.toISOString() },
  });

const nodeBody = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

/**
 * A WebSocket upgrade of `path` on a raw TLS connection, so that a test can write frames no client
 * library would; resolves once the server answered 101, with what came after its headers.
 */
const rawWebSocket = (target: HttpsTarget, identity: NodeIdentity, path: string) =>
  new Promise<{ socket: TLSSocket; rest: Buffer }>((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port: target.port,
      ca: target.caPem,
      cert: identity.certPem,
      key: identity.keyPem,
    });
    socket.once('error', reject);
    socket.once('secureConnect', () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const status = head.subarray(0, head.indexOf('\r\n')).toString();
      if (!status.includes(' 101 ')) return reject(new Error(`no upgrade: ${head.toString()}`));
      resolve({ socket, rest: head.subarray(end + 4) });
    };
    socket.on('data', onData);
  });

/** The status code of the close frame the server sends first, or undefined if none comes in time. */
const closeCodeOf = (socket: TLSSocket, already: Buffer, timeoutMs: number) =>
  new Promise<number | undefined>((resolve) => {
    let bytes = already;
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const done = (code: number | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(code);
    };
    const look = () => {
      // A server's frames are not masked: opcode byte, a length byte, then the close code.
      if (bytes.length >= 4 && (bytes[0] & 0x0f) === 0x8) done(bytes.readUInt16BE(2));
    };
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      look();
    });
    socket.on('close', () => done(undefined));
    look();
  });

/** The certificate and key the agent keeps in its data directory, as kubelet does. */
const readNodeIdentity = (dataDir: string): NodeIdentity => {
  const kubeconfig = parse(readFileSync(join(dataDir, 'kubelet.kubeconfig'), 'utf8'));
  const user = kubeconfig.users[0].user;
  return {
    certPem: Buffer.from(user['client-certificate-data'], 'base64').toString(),
    keyPem: readFileSync(user['client-key'], 'utf8'),
  };
};

const podReading = (name: string, nodeName: string, secret: string, configMap?: string) =>
  JSON.stringify(
    nodePod(name, nodeName, [
      {
        name: 'main',
        image: 'busybox',
        command: ['sh', '-c', 'exec sleep 3600'],
        env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: secret, key: 'password' } } }],
        ...(configMap ? { envFrom: [{ configMapRef: { name: configMap } }] } : {}),
      },
    ]),
  );

describe('attacks with a node identity', () => {
  let cluster: PodAgentCluster;
  let kubectl: Kubectl;
  let node: NodeIdentity;
  const as = (identity: NodeIdentity | { token: string }, req: HttpsRequest) =>
    httpsRequest(cluster.server, { ...req, ...identity });
  const asNode = (req: HttpsRequest) => as(node, req);
  const asAdmin = (req: HttpsRequest) => as({ token: cluster.server.token }, req);
  const podPhase = async (name: string) =>
    (await asAdmin({ path: `/api/v1/namespaces/default/pods/${name}` })).json().status?.phase as string | undefined;

  beforeAll(async () => {
    cluster = await startPodAgentCluster(NODE, { KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS: String(GRACE_SECONDS) });
    kubectl = cluster.kubectl;
    node = readNodeIdentity(cluster.dataDir);
    await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
    for (const name of ['app-secret', 'other-secret', 'loose-secret']) {
      await kubectl.ok(['create', 'secret', 'generic', name, `--from-literal=password=${name}-value`]);
    }
    for (const name of ['app-config', 'loose-config']) {
      await kubectl.ok(['create', 'configmap', name, '--from-literal=MODE=test']);
    }
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  describe('the Node authorizer', () => {
    beforeAll(async () => {
      // Both pods are created after the node joined: the graph learns them from the pod watch.
      await kubectl.ok(['apply', '-f', '-'], { input: podReading('reader', NODE, 'app-secret', 'app-config') });
      await kubectl.ok(['apply', '-f', '-'], { input: podReading('foreign', ELSEWHERE, 'other-secret') });
    });

    it("lets the node read what its pod names: the agent starts it, the node's GETs answer 200", async () => {
      await waitFor('the pod Running on the agent', async () => (await podPhase('reader')) === 'Running', 60_000, 300);
      const secret = await asNode({ path: secretPath('app-secret') });
      expect(secret.status).toBe(200);
      expect(Buffer.from(secret.json().data.password, 'base64').toString()).toBe('app-secret-value');
      expect((await asNode({ path: configMapPath('app-config') })).status).toBe(200);
    });

    it('lets the node watch the secret its pod names by name, as kubelet does, and no other', async () => {
      const watchOf = (name: string) =>
        readStreamLines(
          cluster.server,
          {
            path: `/api/v1/namespaces/default/secrets?fieldSelector=metadata.name%3D${name}&watch=true`,
            ...node,
          },
          1,
        );
      const own = await watchOf('app-secret');
      expect(own.status).toBe(200);
      expect(JSON.parse(own.lines[0])).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'app-secret' } } });
      const listed = await asNode({
        path: '/api/v1/namespaces/default/secrets?fieldSelector=metadata.name%3Dapp-secret',
      });
      expect(listed.status).toBe(200);
      expect(listed.json().items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['app-secret']);

      for (const name of ['other-secret', 'loose-secret']) {
        const other = await watchOf(name);
        expect([name, other.status]).toEqual([name, 403]);
        expect(JSON.parse(other.lines[0]).message).toContain(
          `no relationship found between node '${NODE}' and this object`,
        );
      }
    });

    it('refuses an unreferenced secret and config map, and one only another node’s pod names', async () => {
      for (const path of [secretPath('loose-secret'), configMapPath('loose-config'), secretPath('other-secret')]) {
        const answer = await asNode({ path });
        expect([path, answer.status]).toEqual([path, 403]);
        expect(answer.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
        expect(answer.json().message).toContain(`no relationship found between node '${NODE}' and this object`);
      }
      expect((await asNode({ path: '/api/v1/namespaces/default/secrets' })).status).toBe(403);
      expect((await asNode({ path: '/api/v1/secrets' })).status).toBe(403);
    });

    it('refuses the bootstrap token secrets whose ids the CSR list shows', async () => {
      const csrs = await asNode({ path: CSRS });
      expect(csrs.status).toBe(200);
      const ids = (csrs.json().items as { spec: { username: string } }[])
        .map((csr) => /^system:bootstrap:([a-z0-9]{6})$/.exec(csr.spec.username)?.[1])
        .filter((id): id is string => id !== undefined);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of [...ids, TOKEN.split('.')[0]]) {
        const answer = await asNode({ path: secretPath(`bootstrap-token-${id}`, 'kube-system') });
        expect([id, answer.status]).toEqual([id, 403]);
      }
    });

    it('refuses the secret again once the pod is deleted', async () => {
      await kubectl.ok(['delete', 'pod', 'reader', '--wait=true', '--timeout=30s']);
      expect((await asNode({ path: secretPath('app-secret') })).status).toBe(403);
      expect((await asNode({ path: configMapPath('app-config') })).status).toBe(403);
    });
  });

  describe('a bootstrap token and a live node', () => {
    const request = (name: string, nodeName: string, identity: Identity) =>
      requestCertificate(cluster.server, cluster.server.token, name, nodeName, identity);

    it('denies a CSR for the live node’s name, says why, and issues no certificate', async () => {
      const csr = await request('impostor', NODE, { token: TOKEN });
      expect(csrConditions(csr)).toEqual(['Denied/NodeIdentityInUse']);
      expect(csr.status.conditions[0].message).toContain(`node "${NODE}" is live`);
      expect(csr.status.certificate).toBeUndefined();
      expect(await kubectl.ok(['get', 'csr', 'impostor'])).toMatch(/impostor\s.*Denied/);
    });

    it('still approves the live node renewing its own certificate', async () => {
      const csr = await request('renewal', NODE, node);
      expect(csrConditions(csr)).toEqual(['Approved/AutoApproved']);
      expect(csr.status.certificate).toBeDefined();
    });

    it('counts the node live by the renewals seen, though its clock writes times an hour old', async () => {
      // The agent stands still; its node renews as one whose clock is an hour slow would.
      process.kill(cluster.agentPid, 'SIGSTOP');
      try {
        for (let i = 0; i < 2; i++) {
          const lease = (await asNode({ path: `${LEASES}/${NODE}` })).json();
          lease.spec.renewTime = new Date(Date.now() - 3_600_000).toISOString();
          const put = await asNode({ method: 'PUT', path: `${LEASES}/${NODE}`, body: JSON.stringify(lease) });
          expect(put.status).toBe(200);
          await new Promise((r) => setTimeout(r, 500));
        }
        const csr = await request('slow-clock-impostor', NODE, { token: TOKEN });
        expect(csrConditions(csr)).toEqual(['Denied/NodeIdentityInUse']);
        expect(csr.status.certificate).toBeUndefined();
      } finally {
        process.kill(cluster.agentPid, 'SIGCONT');
      }
    });

    it('lets a node that stopped renewing rejoin once no renewal was seen for the grace period, whatever its clock wrote', async () => {
      // Their kubelets renewed last at a minute ago by a right clock, and an hour ahead by a fast one.
      const stopped = [
        { name: 'e2e-gone-node', lastRenewal: new Date(Date.now() - 60_000) },
        { name: 'e2e-fast-clock-node', lastRenewal: new Date(Date.now() + 3_600_000) },
      ];
      for (const { name } of stopped) {
        expect((await asAdmin({ method: 'POST', path: '/api/v1/nodes', body: nodeBody(name) })).status).toBe(201);
        const lease = leaseBody(name, new Date(), 5);
        expect((await asAdmin({ method: 'POST', path: LEASES, body: lease })).status).toBe(201);
        expect(csrConditions(await request(`while-live-${name}`, name, { token: TOKEN }))).toEqual([
          'Denied/NodeIdentityInUse',
        ]);
      }
      for (const { name, lastRenewal } of stopped) {
        const lease = leaseBody(name, lastRenewal, 5);
        expect((await asAdmin({ method: 'PUT', path: `${LEASES}/${name}`, body: lease })).status).toBe(200);
      }
      const rejoins = await Promise.all(
        stopped.map(({ name }) =>
          requestUntilIssued(cluster.server, cluster.server.token, `rejoin-${name}`, name, TOKEN),
        ),
      );
      for (const rejoin of rejoins) {
        expect(rejoin.denied).toBeGreaterThan(0);
        // Denied for the grace period from the last renewal seen (a moment before we started asking).
        expect(rejoin.ms).toBeGreaterThan((GRACE_SECONDS - 2) * 1000);
        expect(csrConditions(rejoin.csr)).toEqual(['Approved/AutoApproved']);
      }
    });
  });

  describe('the tunnel’s messages', () => {
    it('closes a tunnel on a message declared over 1 MiB (1009), from its header, before its bytes come', async () => {
      // A node with no agent yet, its certificate got with the bootstrap token.
      const name = 'e2e-oversize-node';
      const { requestPem, keyPem } = await makeKeyAndRequestPem(`CN=system:node:${name}, O=system:nodes`);
      const csr = await requestCertificate(
        cluster.server,
        cluster.server.token,
        'oversize',
        name,
        { token: TOKEN },
        requestPem,
      );
      const identity = { certPem: Buffer.from(csr.status.certificate, 'base64').toString(), keyPem };
      const { socket, rest } = await rawWebSocket(cluster.server, identity, controlPath(name));
      // A binary frame declaring 2 MiB, masked as a client's must be; only its first KiB is sent.
      const header = Buffer.alloc(14);
      header[0] = 0x82;
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(2 * 1024 * 1024), 2);
      socket.write(Buffer.concat([header, Buffer.alloc(1024)]));
      expect(await closeCodeOf(socket, rest, 10_000)).toBe(1009);
    });
  });

  describe("a second tunnel with the node's certificate", () => {
    /** Keeps dialing the node's control tunnel as a second agent would, counting what it gets. */
    const impostor = () => {
      const seen = { refusals: [] as number[], opened: 0, streamRequests: 0 };
      let stopped = false;
      let socket: WebSocket | undefined;
      const dial = () => {
        if (stopped) return;
        const url = `wss://127.0.0.1:${cluster.server.port}${controlPath(NODE)}`;
        const ws = new WebSocket(url, { ca: cluster.server.caPem, cert: node.certPem, key: node.keyPem });
        socket = ws;
        ws.on('unexpected-response', (_req, res) => {
          seen.refusals.push(res.statusCode ?? 0);
          res.resume();
          ws.terminate();
        });
        ws.on('open', () => seen.opened++);
        ws.on('message', () => seen.streamRequests++);
        ws.on('error', () => undefined);
        ws.on('close', () => setTimeout(dial, 50));
      };
      dial();
      return {
        seen,
        stop: () => {
          stopped = true;
          socket?.terminate();
        },
      };
    };

    it('is refused while the agent’s tunnel lives; every exec session reaches the real agent', async () => {
      await kubectl.ok(['apply', '-f', '-'], { input: podReading('shell', NODE, 'app-secret') });
      await waitFor('the pod Running on the agent', async () => (await podPhase('shell')) === 'Running', 60_000, 300);
      const attacker = impostor();
      try {
        const { seen } = attacker;
        await waitFor(
          'an answer to the impostor',
          () => seen.refusals.length + seen.opened > 0 || undefined,
          15_000,
          50,
        );
        const outputs: string[] = [];
        for (let i = 1; i <= 6; i++) {
          const result = await kubectl.run(['exec', '-i', 'shell', '--', 'sh', '-c', 'cat; echo " from $PASSWORD"'], {
            input: `session ${i}`,
            timeoutMs: 30_000,
          });
          outputs.push(result.code === 0 ? result.stdout : `failed: ${result.stderr}`);
        }
        expect({ outputs, impostor: seen }).toEqual({
          outputs: [1, 2, 3, 4, 5, 6].map((i) => `session ${i} from app-secret-value\n`),
          impostor: { opened: 0, streamRequests: 0, refusals: expect.arrayContaining([409]) },
        });
        expect(new Set(seen.refusals)).toEqual(new Set([409]));
      } finally {
        attacker.stop();
      }
    });

    it('is replaced by a new one when it stops answering pings, and the agent gets back in', async () => {
      process.kill(cluster.agentPid, 'SIGSTOP');
      const started = Date.now();
      const successor = impostor();
      let tookOverMs = Infinity;
      try {
        await waitFor('the new tunnel open', () => successor.seen.opened > 0 || undefined, 30_000, 50);
        tookOverMs = Date.now() - started;
      } finally {
        successor.stop();
        process.kill(cluster.agentPid, 'SIGCONT');
      }
      // The silent tunnel had 5 s to answer a ping.
      expect(tookOverMs).toBeLessThan(12_000);
      const back = await waitFor(
        'an exec through the agent again',
        async () => {
          const result = await kubectl.run(['exec', 'shell', '--', 'echo', 'back'], { timeoutMs: 20_000 });
          return result.code === 0 ? result.stdout : undefined;
        },
        90_000,
        500,
      );
      expect(back).toBe('back\n');
    });
  });

  describe('restricted labels', () => {
    it('refuses the node a role label on its own Node, as kube words it', async () => {
      const asNodeKubectl = new Kubectl(join(cluster.dataDir, 'kubelet.kubeconfig'));
      const result = await asNodeKubectl.run(['label', 'node', NODE, 'node-role.kubernetes.io/master=']);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(
        `Error from server (Forbidden): nodes "${NODE}" is forbidden: is not allowed to modify labels: node-role.kubernetes.io/master`,
      );
      const patch = await asNode({
        method: 'PATCH',
        path: `/api/v1/nodes/${NODE}`,
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ metadata: { labels: { 'node-restriction.kubernetes.io/trusted': 'yes' } } }),
      });
      expect(patch.status).toBe(403);
      const labels = (await asAdmin({ path: `/api/v1/nodes/${NODE}` })).json().metadata.labels;
      expect(labels['node-role.kubernetes.io/master']).toBeUndefined();
      expect(labels['node-restriction.kubernetes.io/trusted']).toBeUndefined();

      expect(await asNodeKubectl.ok(['label', 'node', NODE, 'example.com/gpu=none'])).toContain('labeled');
    });
  });
});

describe('a node renewed before an apiserver restart', () => {
  const RESTART_GRACE_SECONDS = 20;
  const env = { KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS: String(RESTART_GRACE_SECONDS) };
  const name = 'e2e-restart-node';
  let server: KubenestProcess;
  let kubectl: Kubectl;

  beforeAll(async () => {
    server = await launchKubenest({ env });
    kubectl = new Kubectl(server.kubeconfig);
    await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
    const admin = (req: HttpsRequest) => httpsRequest(server, { ...req, token: server.token });
    expect((await admin({ method: 'POST', path: '/api/v1/nodes', body: nodeBody(name) })).status).toBe(201);
    // Its last renewal before the apiserver went down, for longer than the grace period.
    const lease = leaseBody(name, new Date(Date.now() - 10 * 60_000), 10);
    expect((await admin({ method: 'POST', path: LEASES, body: lease })).status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await server?.destroy();
    if (kubectl) rmSync(kubectl.cacheDir, { recursive: true, force: true });
  });

  it('is live for the grace period after the restart: its agent has that long to renew', async () => {
    await server.interrupt();
    const { dataDir, port, postgresPort } = server;
    server = await launchKubenest({ dataDir, port, postgresPort, env });
    const restarted = Date.now();
    const first = await requestCertificate(server, server.token, 'after-restart', name, { token: TOKEN });
    expect(csrConditions(first)).toEqual(['Denied/NodeIdentityInUse']);
    const rejoin = await requestUntilIssued(server, server.token, 'after-grace', name, TOKEN);
    expect(csrConditions(rejoin.csr)).toEqual(['Approved/AutoApproved']);
    expect(Date.now() - restarted).toBeLessThan((RESTART_GRACE_SECONDS + 30) * 1000);
  });
});
