// Attacks with a node's identity and with a bootstrap token, replayed against a control plane
// and a real agent: a node reads only the secrets and config maps its own pods name (not other
// nodes', not bootstrap tokens', not once its pod is gone); a bootstrap token cannot get the
// certificate of a live node, and a second tunnel with a node's certificate takes none of the
// first one's exec sessions; a node cannot give its own Node a role label.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { parse } from 'yaml';
import { makeCsr, makeRequestPem } from '@kubenest/api/certificates/testing/make-csr';
import { Kubectl } from '@kubenest/testing/kubectl';
import { waitFor } from '@kubenest/testing/wait';
import { controlPath } from '@kubenest/node-protocol';
import { bootstrapTokenManifest } from './support/bootstrap-token';
import { HttpsRequest, httpsRequest } from './support/https-client';
import { nodePod } from './support/node-pod';
import { PodAgentCluster, startPodAgentCluster } from './support/pod-agent';

const NODE = 'e2e-attacked-node';
const ELSEWHERE = 'e2e-elsewhere';
const TOKEN = 'attack.0123456789abcdef';
const CSRS = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const LEASES = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';
const secretPath = (name: string, namespace = 'default') => `/api/v1/namespaces/${namespace}/secrets/${name}`;
const configMapPath = (name: string) => `/api/v1/namespaces/default/configmaps/${name}`;

interface NodeIdentity {
  certPem: string;
  keyPem: string;
}

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
    cluster = await startPodAgentCluster(NODE);
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
    const requestCertificate = async (name: string, nodeName: string, identity: NodeIdentity | { token: string }) => {
      const csr = makeCsr(await makeRequestPem(`CN=system:node:${nodeName}, O=system:nodes`), {}, name);
      const created = await as(identity, { method: 'POST', path: CSRS, body: JSON.stringify(csr) });
      expect(created.status).toBe(201);
      return waitFor(
        `a decision on ${name}`,
        async () => {
          const got = (await asAdmin({ path: `${CSRS}/${name}` })).json();
          const decided = (got.status?.conditions ?? []).some((c: { type: string }) => c.type === 'Denied');
          return decided || got.status?.certificate ? got : undefined;
        },
        15_000,
        100,
      );
    };
    const conditions = (csr: { status?: { conditions?: { type: string; reason: string }[] } }) =>
      (csr.status?.conditions ?? []).map((c) => `${c.type}/${c.reason}`);

    it('denies a CSR for the live node’s name, says why, and issues no certificate', async () => {
      const csr = await requestCertificate('impostor', NODE, { token: TOKEN });
      expect(conditions(csr)).toEqual(['Denied/NodeIdentityInUse']);
      expect(csr.status.conditions[0].message).toContain(`node "${NODE}" is live`);
      expect(csr.status.certificate).toBeUndefined();
      expect(await kubectl.ok(['get', 'csr', 'impostor'])).toMatch(/impostor\s.*Denied/);
    });

    it('still approves the live node renewing its own certificate', async () => {
      const csr = await requestCertificate('renewal', NODE, node);
      expect(conditions(csr)).toEqual(['Approved/AutoApproved']);
      expect(csr.status.certificate).toBeDefined();
    });

    it('approves a rejoin once the node’s lease has expired', async () => {
      const gone = 'e2e-gone-node';
      await asAdmin({
        method: 'POST',
        path: '/api/v1/nodes',
        body: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: gone } }),
      });
      const lease = (renewTime: Date) =>
        JSON.stringify({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: gone, namespace: 'kube-node-lease' },
          spec: { holderIdentity: gone, leaseDurationSeconds: 40, renewTime: renewTime.toISOString() },
        });
      expect((await asAdmin({ method: 'POST', path: LEASES, body: lease(new Date()) })).status).toBe(201);
      expect(conditions(await requestCertificate('while-live', gone, { token: TOKEN }))).toEqual([
        'Denied/NodeIdentityInUse',
      ]);

      // Its kubelet stopped renewing a minute ago: the name is free again.
      const expired = new Date(Date.now() - 60_000);
      const put = await asAdmin({ method: 'PUT', path: `${LEASES}/${gone}`, body: lease(expired) });
      expect(put.status).toBe(200);
      const rejoin = await requestCertificate('rejoin', gone, { token: TOKEN });
      expect(conditions(rejoin)).toEqual(['Approved/AutoApproved']);
      expect(rejoin.status.certificate).toBeDefined();
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
