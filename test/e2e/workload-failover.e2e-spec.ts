// Every loop together, seen from outside with the real kubectl, as kube-controller-manager behaves:
// a Deployment whose pods tolerate the unreachable taint for 5 s, spread over two agents' simulated
// nodes, loses one agent (SIGKILL): within the grace period (20 s here, through
// KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS) plus the toleration its pods there are evicted and the
// Deployment is back to 6 available pods, all on the other agent's nodes; the agent back, its nodes
// are Ready and untainted and the Deployment keeps exactly its 6 pods. A deleted pod is replaced,
// and `kubectl delete deployment` with each cascade does to the ReplicaSets and pods what kube does.
// The second agent stays up throughout, so the zone is never fully disrupted (which stops evictions).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';
import { AgentProcess, stopAgentAndPods } from './support/agent-process';
import { bootstrapTokenManifest } from './support/bootstrap-token';
import { httpsRequest } from './support/https-client';
import { readyNodeNames, startSimulatedNodes, waitForReadyNodes } from './support/simulated-nodes';

const TOKEN = 'failov.0123456789abcdef';
/** Above the agents' 10 s renewal interval with room, as kube's 40 s is above kubelet's 10 s. */
const GRACE_SECONDS = 20;
const TOLERATION_SECONDS = 5;
const NS = 'failover';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}
interface Meta {
  name: string;
  uid: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  ownerReferences?: OwnerRef[];
}
interface PodView {
  metadata: Meta;
  spec: { nodeName?: string };
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}
interface DeploymentView {
  metadata: Meta;
  status?: { replicas?: number; availableReplicas?: number; readyReplicas?: number };
}
interface NodeView {
  metadata: { name: string };
  spec: { taints?: { key: string; effect: string }[] };
  status: { conditions?: { type: string; status: string }[] };
}

const deploymentManifest = (name: string, replicas: number, tolerations?: unknown[]) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: 'registry.k8s.io/pause:3.10' }], tolerations },
      },
    },
  });

const alive = (pods: PodView[]) => pods.filter((p) => !p.metadata.deletionTimestamp);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('workloads fail over and heal with every loop together, driven by kubectl', () => {
  let server: KubenestServer;
  let kubectl: Kubectl;
  const dataRoot = mkdtempSync(join(tmpdir(), 'kubenest-failover-e2e-'));
  const agents = new Map<string, AgentProcess>();

  const startAgent = (name: string): AgentProcess => {
    const agent = startSimulatedNodes(server, { name, dataDir: join(dataRoot, name), count: 2, token: TOKEN });
    agents.set(name, agent);
    return agent;
  };

  const api = async <T>(path: string): Promise<T | undefined> => {
    const res = await httpsRequest(server, { path, token: server.token });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
    return res.json() as T;
  };
  const podsOf = async (app: string): Promise<PodView[]> =>
    (await api<{ items: PodView[] }>(`/api/v1/namespaces/${NS}/pods?labelSelector=app%3D${app}`))!.items;
  const replicaSetsOf = async (app: string): Promise<{ metadata: Meta }[]> =>
    (await api<{ items: { metadata: Meta }[] }>(
      `/apis/apps/v1/namespaces/${NS}/replicasets?labelSelector=app%3D${app}`,
    ))!.items;
  const deployment = (name: string) => api<DeploymentView>(`/apis/apps/v1/namespaces/${NS}/deployments/${name}`);
  const node = async (name: string) => (await api<NodeView>(`/api/v1/nodes/${name}`))!;

  const available = (name: string, replicas: number) =>
    waitFor(
      `deployment ${name} with ${replicas} available pods`,
      async () => {
        const [d, pods] = await Promise.all([deployment(name), podsOf(name)]);
        return (d?.status?.availableReplicas === replicas && alive(pods).length === replicas) || undefined;
      },
      30_000,
      250,
    );

  beforeAll(async () => {
    server = await startKubenest({
      KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS: String(GRACE_SECONDS),
      // Both lost nodes tainted within a second of each other.
      KUBENEST_NODE_EVICTION_RATE: '1',
    });
    kubectl = new Kubectl(server.kubeconfig);
    await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
    await kubectl.ok(['create', 'namespace', NS]);
    await waitForReadyNodes(kubectl, 4, [startAgent('a'), startAgent('b')]);
  }, 90_000);

  afterAll(async () => {
    for (const [name, agent] of agents) await stopAgentAndPods(agent, join(dataRoot, name));
    await server?.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  }, 60_000);

  it('evicts a lost agent’s pods after their toleration, replaces them on the other nodes, and makes no duplicates when it returns', async () => {
    await kubectl.ok(['apply', '-f', '-'], {
      input: deploymentManifest('web', 6, [
        { key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: TOLERATION_SECONDS },
      ]),
    });
    await available('web', 6);
    const before = await podsOf('web');
    const onA = before.filter((p) => p.spec.nodeName?.startsWith('a-'));
    // The scheduler spreads them: the loss of agent A must take some away.
    expect(onA.length).toBeGreaterThan(0);

    const a = agents.get('a')!;
    a.child.kill('SIGKILL');
    await a.exited;
    const killedAt = Date.now();

    // The last renewal may have come up to 10 s before the kill; the two nodes tainted a second apart.
    const budgetMs = (GRACE_SECONDS + 10 + TOLERATION_SECONDS + 1 + 15) * 1000;
    await waitFor(
      'the pods on A evicted and 6 available pods on B',
      async () => {
        const [d, pods] = await Promise.all([deployment('web'), podsOf('web')]);
        const evicted = onA.every((lost) => {
          const now = pods.find((p) => p.metadata.uid === lost.metadata.uid);
          return now === undefined || now.metadata.deletionTimestamp !== undefined;
        });
        const serving = alive(pods);
        return (
          (evicted &&
            d?.status?.availableReplicas === 6 &&
            serving.length === 6 &&
            serving.every((p) => p.spec.nodeName?.startsWith('b-'))) ||
          undefined
        );
      },
      budgetMs,
      250,
    ).catch(async (e) => {
      const pods = await podsOf('web');
      throw new Error(
        `${(e as Error).message}\n${JSON.stringify(pods.map((p) => [p.metadata.name, p.spec.nodeName, p.metadata.deletionTimestamp]))}\n${server.output().slice(-6000)}`,
      );
    });
    // Nothing happens before the grace period has run out, counted from the last renewal.
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual((GRACE_SECONDS - 10 + TOLERATION_SECONDS) * 1000);
    const evicted = (await podsOf('web')).filter((p) => onA.some((lost) => lost.metadata.uid === p.metadata.uid));
    // No kubelet confirms their deletion while the agent is away: they stay, Terminating.
    expect(evicted).toHaveLength(onA.length);
    for (const p of evicted) {
      expect(p.status?.conditions).toContainEqual(
        expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager' }),
      );
    }

    startAgent('a');
    await waitFor(
      'the nodes of A Ready and untainted',
      async () => {
        const nodes = await Promise.all(['a-0', 'a-1'].map(node));
        const ready = (await readyNodeNames(kubectl)).filter((n) => n.startsWith('a-')).length === 2;
        return (ready && nodes.every((n) => (n.spec.taints ?? []).length === 0)) || undefined;
      },
      60_000,
      250,
    );
    // The agent back finishes the deletions it missed; then only the 6 replacements are left.
    await waitFor('the evicted pods gone', async () => (await podsOf('web')).length === 6 || undefined, 30_000, 250);
    const settled = (await podsOf('web')).map((p) => p.metadata.uid).sort();
    for (let second = 0; second < 10; second++) {
      await sleep(1_000);
      const pods = await podsOf('web');
      expect(pods.map((p) => p.metadata.uid).sort()).toEqual(settled);
      expect(alive(pods)).toHaveLength(6);
    }
    expect((await deployment('web'))!.status).toMatchObject({ replicas: 6, readyReplicas: 6, availableReplicas: 6 });
  }, 150_000);

  it('replaces a deleted pod', async () => {
    await kubectl.ok(['apply', '-f', '-'], { input: deploymentManifest('heal', 3) });
    await available('heal', 3);
    const [victim] = await podsOf('heal');
    await kubectl.ok(['delete', 'pod', victim.metadata.name, '-n', NS, '--wait=false']);
    await waitFor(
      'a replacement',
      async () => {
        const serving = alive(await podsOf('heal'));
        return (serving.length === 3 && serving.every((p) => p.metadata.uid !== victim.metadata.uid)) || undefined;
      },
      30_000,
      250,
    );
    await available('heal', 3);
  }, 60_000);

  it('--cascade=foreground removes the ReplicaSet and pods before the Deployment is gone', async () => {
    await kubectl.ok(['apply', '-f', '-'], { input: deploymentManifest('fg', 2) });
    await available('fg', 2);
    const [rs] = await replicaSetsOf('fg');
    expect(rs.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Deployment', blockOwnerDeletion: true }),
    ]);
    // A finalizer of the test's holds one pod, so the ReplicaSet and Deployment waiting for it can be seen.
    const [held] = await podsOf('fg');
    expect(held.metadata.ownerReferences).toEqual([
      expect.objectContaining({ uid: rs.metadata.uid, blockOwnerDeletion: true }),
    ]);
    await kubectl.ok([
      'patch',
      'pod',
      held.metadata.name,
      '-n',
      NS,
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":["example.com/hold"]}}',
    ]);
    // Sampled in this order, a Deployment seen gone and then a dependent seen present would be a dependent outliving it.
    const outlived: string[] = [];
    let stopped = false;
    const sampling = (async () => {
      while (!stopped) {
        const d = await deployment('fg');
        const [sets, pods] = await Promise.all([replicaSetsOf('fg'), podsOf('fg')]);
        if (!d && sets.length + pods.length > 0)
          outlived.push(JSON.stringify({ sets: sets.length, pods: pods.length }));
        await sleep(50);
      }
    })();
    const deleting = kubectl.run(['delete', 'deployment', 'fg', '-n', NS, '--cascade=foreground', '--timeout=60s'], {
      timeoutMs: 70_000,
    });
    try {
      await waitFor(
        'the other pod gone and the held one Terminating',
        async () => {
          const pods = await podsOf('fg');
          return (
            (pods.length === 1 && pods[0].metadata.uid === held.metadata.uid && pods[0].metadata.deletionTimestamp) ||
            undefined
          );
        },
        30_000,
        250,
      );
      const waiting = (await deployment('fg'))!;
      expect(waiting.metadata.deletionTimestamp).toBeDefined();
      expect(waiting.metadata.finalizers).toEqual(['foregroundDeletion']);
      const [rsWaiting] = await replicaSetsOf('fg');
      expect(rsWaiting.metadata.deletionTimestamp).toBeDefined();
      expect(rsWaiting.metadata.finalizers).toEqual(['foregroundDeletion']);
    } finally {
      await kubectl.ok([
        'patch',
        'pod',
        held.metadata.name,
        '-n',
        NS,
        '--type=merge',
        '-p',
        '{"metadata":{"finalizers":null}}',
      ]);
    }
    const result = await deleting;
    stopped = true;
    await sampling;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('deployment.apps "fg" deleted');
    expect(await deployment('fg')).toBeUndefined();
    expect(await replicaSetsOf('fg')).toEqual([]);
    expect(await podsOf('fg')).toEqual([]);
    expect(outlived).toEqual([]);
  }, 90_000);

  it('--cascade=orphan leaves the ReplicaSet and its pods, the ReplicaSet without its ownerReference', async () => {
    await kubectl.ok(['apply', '-f', '-'], { input: deploymentManifest('or', 2) });
    await available('or', 2);
    const [rs] = await replicaSetsOf('or');
    const pods = (await podsOf('or')).map((p) => p.metadata.uid).sort();
    await kubectl.ok(['delete', 'deployment', 'or', '-n', NS, '--cascade=orphan'], { timeoutMs: 30_000 });
    await waitFor('the deployment gone', async () => (await deployment('or')) === undefined || undefined, 20_000, 250);
    await sleep(2_000);
    const [kept, ...others] = await replicaSetsOf('or');
    expect(others).toEqual([]);
    expect(kept.metadata.uid).toBe(rs.metadata.uid);
    expect(kept.metadata.ownerReferences ?? []).toEqual([]);
    expect(kept.metadata.finalizers ?? []).toEqual([]);
    const still = await podsOf('or');
    expect(still.map((p) => p.metadata.uid).sort()).toEqual(pods);
    expect(alive(still)).toHaveLength(2);
    for (const p of still)
      expect(p.metadata.ownerReferences).toEqual([expect.objectContaining({ uid: rs.metadata.uid })]);
  }, 60_000);

  it('--cascade=background (the default) removes the Deployment at once and its ReplicaSet and pods after', async () => {
    await kubectl.ok(['apply', '-f', '-'], { input: deploymentManifest('bg', 2) });
    await available('bg', 2);
    await kubectl.ok(['delete', 'deployment', 'bg', '-n', NS, '--wait=false']);
    expect(await deployment('bg')).toBeUndefined();
    await waitFor(
      'its ReplicaSet and pods gone',
      async () => ((await replicaSetsOf('bg')).length === 0 && (await podsOf('bg')).length === 0) || undefined,
      30_000,
      250,
    );
  }, 60_000);
});
