// The Deployment loop seen from outside, as kube-controller-manager's deployment controller
// behaves under the real kubectl: a Deployment of 10 rolls v1 → v2 with `kubectl rollout status`
// succeeding, never asking for more than replicas + maxSurge pods nor leaving fewer than
// replicas - maxUnavailable available (watched while it rolls); `rollout history` and
// `rollout undo`, pause and resume (scaling still works while paused), `scale`, `set image`,
// `rollout restart`, a progress deadline passed (rollout status fails as kube's does), and
// Recreate (never old and new pods at once).
//
// Pods come from the ReplicaSet loop and run on the two nodes of one `--simulate 2` agent, where
// they are Running and Ready as soon as they are bound; minReadySeconds makes availability lag
// behind so that the rollout's steps can be seen. The scheduler binds them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';
import { AgentProcess, stopAgentAndPods } from './support/agent-process';
import { bootstrapTokenManifest } from './support/bootstrap-token';
import { httpsRequest } from './support/https-client';
import { startSimulatedNodes, waitForReadyNodes } from './support/simulated-nodes';

const TOKEN = 'deploy.0123456789abcdef';
const NODES = ['sim-0', 'sim-1'];
const NS = 'rollout';
const REVISION = 'deployment.kubernetes.io/revision';

interface ReplicaSetView {
  metadata: {
    name: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    ownerReferences?: { name: string; controller?: boolean }[];
  };
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
  status: { replicas?: number; availableReplicas?: number };
}

interface PodView {
  metadata: { name: string; deletionTimestamp?: string; labels?: Record<string, string> };
  spec: { nodeName?: string };
  status?: { phase?: string };
}

const deploymentManifest = (name: string, spec: Record<string, unknown>, image: string) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image }] },
      },
      ...spec,
    },
  });

describe('the Deployment loop, driven by kubectl', () => {
  let server: KubenestServer;
  let kubectl: Kubectl;
  let agent: AgentProcess | undefined;
  const agentDir = mkdtempSync(join(tmpdir(), 'kubenest-deployment-e2e-'));

  const api = async <T>(path: string): Promise<T> => {
    const res = await httpsRequest(server, { path, token: server.token });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
    return res.json() as T;
  };

  const replicaSetsOf = async (deployment: string): Promise<ReplicaSetView[]> =>
    (await api<{ items: ReplicaSetView[] }>(`/apis/apps/v1/namespaces/${NS}/replicasets`)).items.filter((rs) =>
      rs.metadata.ownerReferences?.some((o) => o.controller && o.name === deployment),
    );

  const podsOf = async (app: string): Promise<PodView[]> =>
    (await api<{ items: PodView[] }>(`/api/v1/namespaces/${NS}/pods?labelSelector=app%3D${app}`)).items;

  const imageOf = (rs: ReplicaSetView) => rs.spec.template.spec.containers[0].image;

  /** Polls a Deployment's ReplicaSets and pods until stopped: the most pods asked for or alive, the fewest available. */
  const watchRollout = (deployment: string) => {
    let stopped = false;
    const seen = { maxAsked: 0, maxPods: 0, minAvailable: Infinity, samples: 0, templatesTogether: new Set<string>() };
    const done = (async () => {
      while (!stopped) {
        const [sets, pods] = await Promise.all([replicaSetsOf(deployment), podsOf(deployment)]);
        const asked = sets.reduce((n, rs) => n + rs.spec.replicas, 0);
        const available = sets.reduce((n, rs) => n + (rs.status.availableReplicas ?? 0), 0);
        const alive = pods.filter((p) => !p.metadata.deletionTimestamp);
        seen.maxAsked = Math.max(seen.maxAsked, asked);
        seen.maxPods = Math.max(seen.maxPods, alive.length);
        seen.minAvailable = Math.min(seen.minAvailable, available);
        // Terminating pods count here: a pod being deleted may still run, until its phase says it is done.
        const running = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
        const hashes = new Set(running.map((p) => p.metadata.labels?.['pod-template-hash']));
        seen.templatesTogether.add([...hashes].sort().join(','));
        seen.samples++;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        await done;
        return seen;
      },
    };
  };

  const rolloutStatus = (deployment: string) =>
    kubectl.ok(['rollout', 'status', `deployment/${deployment}`, '-n', NS, '--timeout=90s'], { timeoutMs: 100_000 });

  const progressingReason = async (deployment: string) =>
    kubectl.ok([
      'get',
      'deployment',
      deployment,
      '-n',
      NS,
      '-o',
      'jsonpath={.status.conditions[?(@.type=="Progressing")].reason}',
    ]);

  beforeAll(async () => {
    server = await startKubenest();
    kubectl = new Kubectl(server.kubeconfig);
    await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
    agent = startSimulatedNodes(server, { name: 'sim', dataDir: agentDir, count: NODES.length, token: TOKEN });
    await waitForReadyNodes(kubectl, NODES.length, [agent]);
    await kubectl.ok(['create', 'namespace', NS]);
  }, 120_000);

  afterAll(async () => {
    await stopAgentAndPods(agent, agentDir);
    await server?.stop();
    rmSync(agentDir, { recursive: true, force: true });
  }, 60_000);

  it('rolls 10 replicas from v1 to v2 within maxSurge and maxUnavailable, as kubectl rollout status sees it', async () => {
    const spec = {
      replicas: 10,
      minReadySeconds: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    };
    await kubectl.ok(['apply', '-f', '-'], { input: deploymentManifest('web', spec, 'example.com/web:v1') });
    expect(await rolloutStatus('web')).toContain('deployment "web" successfully rolled out');
    expect(await kubectl.ok(['get', 'deployment', 'web', '-n', NS, '--no-headers'])).toMatch(
      /^web\s+10\/10\s+10\s+10\s/,
    );
    const [first] = await replicaSetsOf('web');
    expect(first.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(first.metadata.annotations).toMatchObject({ [REVISION]: '1' });

    const watch = watchRollout('web');
    await kubectl.ok(['set', 'image', 'deployment/web', '-n', NS, 'web=example.com/web:v2']);
    // As kube's documentation has it: the cause is recorded once the change is made.
    await kubectl.ok(['annotate', 'deployment', 'web', '-n', NS, 'kubernetes.io/change-cause=image v2']);
    expect(await rolloutStatus('web')).toContain('deployment "web" successfully rolled out');
    const seen = await watch.stop();
    // 25% of 10: surge rounds up to 3, unavailable down to 2.
    expect(seen.maxAsked).toBeLessThanOrEqual(13);
    expect(seen.maxPods).toBeLessThanOrEqual(13);
    expect(seen.minAvailable).toBeGreaterThanOrEqual(8);
    expect(seen.samples).toBeGreaterThan(3);

    const sets = await replicaSetsOf('web');
    expect(sets.map((rs) => [imageOf(rs), rs.spec.replicas]).sort()).toEqual([
      ['example.com/web:v1', 0],
      ['example.com/web:v2', 10],
    ]);
    const v2 = sets.find((rs) => imageOf(rs).endsWith('v2'))!;
    expect(v2.metadata.annotations).toMatchObject({ [REVISION]: '2', 'kubernetes.io/change-cause': 'image v2' });
    const events = await kubectl.ok(['get', 'events', '-n', NS, '--field-selector', 'involvedObject.name=web']);
    expect(events).toContain(`Scaled up replica set ${first.metadata.name} from 0 to 10`);
    expect(events).toMatch(new RegExp(`Scaled up replica set ${v2.metadata.name} from 0 to 3`));
    expect(events).toMatch(new RegExp(`Scaled down replica set ${first.metadata.name} from 10 to 8`));
    expect(await progressingReason('web')).toBe('NewReplicaSetAvailable');
    // The Deployment carries its new ReplicaSet's revision, written with its status.
    const annotation = 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}';
    expect(await kubectl.ok(['get', 'deployment', 'web', '-n', NS, '-o', annotation])).toBe('2');
  });

  it('lists the revisions and rolls back to v1 with rollout undo, reusing its ReplicaSet', async () => {
    const history = await kubectl.ok(['rollout', 'history', 'deployment/web', '-n', NS]);
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE/);
    expect(history).toMatch(/^1\s+<none>$/m);
    expect(history).toMatch(/^2\s+image v2$/m);
    expect(await kubectl.ok(['rollout', 'undo', 'deployment/web', '-n', NS])).toContain('rolled back');
    expect(await rolloutStatus('web')).toContain('successfully rolled out');
    const sets = await replicaSetsOf('web');
    expect(sets).toHaveLength(2);
    const v1 = sets.find((rs) => imageOf(rs).endsWith('v1'))!;
    expect(v1.spec.replicas).toBe(10);
    expect(v1.metadata.annotations).toMatchObject({
      [REVISION]: '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
    const after = await kubectl.ok(['rollout', 'history', 'deployment/web', '-n', NS]);
    expect(after).toMatch(/^2\s+image v2$/m);
    expect(after).toMatch(/^3\s+/m);
    expect(after).not.toMatch(/^1\s+/m);
  });

  it('holds a paused Deployment’s rollout while still scaling it, and rolls on resume', async () => {
    await kubectl.ok(['rollout', 'pause', 'deployment/web', '-n', NS]);
    await waitFor(
      'the DeploymentPaused condition',
      async () => (await progressingReason('web')) === 'DeploymentPaused' || undefined,
    );
    await kubectl.ok(['set', 'image', 'deployment/web', '-n', NS, 'web=example.com/web:v3']);
    await kubectl.ok(['scale', 'deployment/web', '-n', NS, '--replicas=12']);
    await waitFor('the paused Deployment scaled to 12', async () => {
      const sets = await replicaSetsOf('web');
      return sets.length === 2 && sets.some((rs) => imageOf(rs).endsWith('v1') && rs.spec.replicas === 12)
        ? true
        : undefined;
    });
    expect((await replicaSetsOf('web')).some((rs) => imageOf(rs).endsWith('v3'))).toBe(false);
    await kubectl.ok(['rollout', 'resume', 'deployment/web', '-n', NS]);
    expect(await rolloutStatus('web')).toContain('successfully rolled out');
    const sets = await replicaSetsOf('web');
    expect(sets.find((rs) => imageOf(rs).endsWith('v3'))?.spec.replicas).toBe(12);
    expect(await kubectl.ok(['get', 'deployment', 'web', '-n', NS, '--no-headers'])).toMatch(
      /^web\s+12\/12\s+12\s+12\s/,
    );
  });

  it('makes a new ReplicaSet for rollout restart', async () => {
    const before = new Set((await replicaSetsOf('web')).map((rs) => rs.metadata.name));
    await kubectl.ok(['rollout', 'restart', 'deployment/web', '-n', NS]);
    expect(await rolloutStatus('web')).toContain('successfully rolled out');
    const fresh = (await replicaSetsOf('web')).filter((rs) => !before.has(rs.metadata.name));
    expect(fresh).toHaveLength(1);
    expect(fresh[0].spec.replicas).toBe(12);
    expect(imageOf(fresh[0])).toBe('example.com/web:v3');
  });

  it('reports a rollout that makes no progress past progressDeadlineSeconds, which fails kubectl rollout status', async () => {
    // Bound to a node that does not exist, its pods never run.
    const stuck = JSON.parse(
      deploymentManifest('stuck', { replicas: 2, progressDeadlineSeconds: 3 }, 'example.com/stuck:v1'),
    );
    stuck.spec.template.spec.nodeName = 'nowhere';
    await kubectl.ok(['apply', '-f', '-'], { input: JSON.stringify(stuck) });
    const result = await kubectl.run(['rollout', 'status', 'deployment/stuck', '-n', NS, '--timeout=30s'], {
      timeoutMs: 40_000,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: deployment "stuck" exceeded its progress deadline');
    const described = await kubectl.ok(['describe', 'deployment', 'stuck', '-n', NS]);
    expect(described).toMatch(/Available\s+False\s+MinimumReplicasUnavailable/);
    expect(described).toMatch(/Progressing\s+False\s+ProgressDeadlineExceeded/);
    expect(described).toMatch(
      /Normal\s+ScalingReplicaSet\s+.*deployment-controller\s+Scaled up replica set stuck-\w+ from 0 to 2/,
    );
  });

  it('recreates: every old pod gone before a new one is asked for', async () => {
    const spec = { replicas: 3, strategy: { type: 'Recreate' } };
    await kubectl.ok(['apply', '-f', '-'], { input: deploymentManifest('batch', spec, 'example.com/batch:v1') });
    expect(await rolloutStatus('batch')).toContain('successfully rolled out');
    const watch = watchRollout('batch');
    await kubectl.ok(['set', 'image', 'deployment/batch', '-n', NS, 'web=example.com/batch:v2']);
    expect(await rolloutStatus('batch')).toContain('successfully rolled out');
    const seen = await watch.stop();
    // Never pods of two templates at once, terminating ones included.
    expect([...seen.templatesTogether].filter((hashes) => hashes.includes(','))).toEqual([]);
    expect((await replicaSetsOf('batch')).map((rs) => [imageOf(rs), rs.spec.replicas]).sort()).toEqual([
      ['example.com/batch:v1', 0],
      ['example.com/batch:v2', 3],
    ]);
  });
});
