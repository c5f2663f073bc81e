// Node lifecycle seen from outside with the real kubectl, as kube-controller-manager's node
// lifecycle and taint eviction controllers behave: an agent of two simulated nodes killed (its
// Leases no longer renewed) turns them Ready=Unknown with the unreachable taints within the grace
// period (20 s here, through KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS), its pods not ready; a pod
// without a toleration of the taint is deleted at once, one tolerating it for 5 s five seconds
// after the taint was added, one with the default tolerations DefaultTolerationSeconds gives stays;
// the agent back (restarted, or resumed after a stop), the taints go and the node is Ready again.
// A second agent's node stays up throughout, so the zone is not fully disrupted (which would stop
// every eviction).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caPublicKeyHash } from '@kubenest/pki/ca-public-key-hash';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';
import { AgentProcess, startAgentProcess, stopAgentAndPods } from './support/agent-process';
import { bootstrapTokenManifest } from './support/bootstrap-token';

const TOKEN = 'nodelc.0123456789abcdef';
/** Above the agents' 10 s renewal interval with room, as kube's 40 s is above kubelet's 10 s. */
const GRACE_SECONDS = 20;
const NS = 'lifecycle';
const LOST = 'lost-0';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

interface Taint {
  key: string;
  effect: string;
  timeAdded?: string;
}
interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface NodeView {
  metadata: { name: string };
  spec: { taints?: Taint[] };
  status: { conditions?: Condition[] };
}
interface PodView {
  metadata: { name: string; deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
  spec: { tolerations?: { key?: string; operator?: string; effect?: string; tolerationSeconds?: number }[] };
  status: { conditions?: Condition[] };
}

const podManifest = (name: string, tolerations?: unknown[]) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS },
    spec: { nodeName: LOST, containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }], tolerations },
  });

const readyOf = (obj: { status: { conditions?: Condition[] } }) =>
  obj.status.conditions?.find((c) => c.type === 'Ready');

describe('node lifecycle and taint eviction, on simulated nodes, driven by kubectl', () => {
  let server: KubenestServer;
  let kubectl: Kubectl;
  const dataRoot = mkdtempSync(join(tmpdir(), 'kubenest-node-lifecycle-e2e-'));
  const agents = new Map<string, { agent: AgentProcess; dataDir: string }>();

  const startAgent = (name: string, nodes: number): AgentProcess => {
    const dataDir = join(dataRoot, name);
    const agent = startAgentProcess([
      '--server',
      server.url,
      '--token',
      TOKEN,
      '--ca-cert-hash',
      caPublicKeyHash(server.caPem),
      '--name',
      name,
      '--data-dir',
      dataDir,
      '--simulate',
      String(nodes),
    ]);
    agents.set(name, { agent, dataDir });
    return agent;
  };

  const node = async (name: string): Promise<NodeView> =>
    JSON.parse(await kubectl.ok(['get', 'node', name, '-o', 'json']));
  const pod = async (name: string): Promise<PodView | undefined> => {
    const out = await kubectl.run(['get', 'pod', name, '-n', NS, '-o', 'json']);
    return out.code === 0 ? JSON.parse(out.stdout) : undefined;
  };
  const readyNodes = async () =>
    (JSON.parse(await kubectl.ok(['get', 'nodes', '-o', 'json'])).items as NodeView[])
      .filter((n) => readyOf(n)?.status === 'True')
      .map((n) => n.metadata.name)
      .sort();

  beforeAll(async () => {
    server = await startKubenest({
      KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS: String(GRACE_SECONDS),
      // Both lost nodes tainted within a second of each other.
      KUBENEST_NODE_EVICTION_RATE: '1',
    });
    kubectl = new Kubectl(server.kubeconfig);
    await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
    startAgent('stay', 1);
    startAgent('lost', 2);
    await waitFor(
      'three simulated nodes Ready',
      async () => (await readyNodes()).length === 3 || undefined,
      60_000,
      250,
    ).catch((e) => {
      throw new Error(`${(e as Error).message}\n${[...agents.values()].map((a) => a.agent.output()).join('\n')}`);
    });
    await kubectl.ok(['create', 'namespace', NS]);
  }, 120_000);

  afterAll(async () => {
    for (const { agent, dataDir } of agents.values()) await stopAgentAndPods(agent, dataDir);
    await server?.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  }, 60_000);

  it('gives a pod the default not-ready and unreachable tolerations of 300 s', async () => {
    await kubectl.ok(['apply', '-f', '-'], { input: podManifest('defaulted') });
    const defaulted = (await pod('defaulted'))!;
    expect(defaulted.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('marks a node whose agent is gone Unknown and unreachable, evicting its pods as their tolerations say, then takes it back', async () => {
    await kubectl.ok(['apply', '-f', '-'], {
      input: podManifest('tolerant', [
        { key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 },
      ]),
    });
    // DefaultTolerationSeconds counts this toleration as the pod's own (its key is the taint's), but
    // it tolerates only the value "elsewhere": this pod does not tolerate the taint at all.
    await kubectl.ok(['apply', '-f', '-'], {
      input: podManifest('intolerant', [
        { key: UNREACHABLE, operator: 'Equal', value: 'elsewhere', effect: 'NoExecute' },
      ]),
    });
    await waitFor(
      'the pods running on the node',
      async () => {
        const pods = await Promise.all(['defaulted', 'tolerant', 'intolerant'].map(pod));
        return pods.every((p) => p && readyOf(p)?.status === 'True') || undefined;
      },
      30_000,
      250,
    );

    const lost = agents.get('lost')!;
    lost.agent.child.kill('SIGKILL');
    await lost.agent.exited;
    const killedAt = Date.now();

    const unknown = await waitFor(
      'the node Unknown and tainted unreachable',
      async () => {
        const n = await node(LOST);
        const tainted = n.spec.taints?.some((t) => t.key === UNREACHABLE && t.effect === 'NoExecute');
        return readyOf(n)?.status === 'Unknown' && tainted ? n : undefined;
      },
      // The last renewal may have come up to 10 s before the kill (kubelet renews every 10 s).
      (GRACE_SECONDS + 10 + 10) * 1000,
      250,
    ).catch(async (e) => {
      throw new Error(`${(e as Error).message}\n${JSON.stringify(await node(LOST))}\n${server.output().slice(-6000)}`);
    });
    // The grace period runs from the last renewal, at most 10 s before the kill.
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual((GRACE_SECONDS - 10) * 1000);
    expect(readyOf(unknown)).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    const noExecute = unknown.spec.taints!.find((t) => t.key === UNREACHABLE && t.effect === 'NoExecute')!;
    expect(noExecute.timeAdded).toBeDefined();
    await waitFor(
      'the NoSchedule taint too',
      async () =>
        (await node(LOST)).spec.taints?.some((t) => t.key === UNREACHABLE && t.effect === 'NoSchedule') || undefined,
      10_000,
      250,
    );
    const described = await kubectl.ok(['describe', 'node', LOST]);
    expect(described).toMatch(
      /Taints:\s+node\.kubernetes\.io\/unreachable:NoExecute\s*\n\s+node\.kubernetes\.io\/unreachable:NoSchedule/,
    );
    expect(described).toMatch(/Ready\s+Unknown\s.*NodeStatusUnknown\s+Kubelet stopped posting node status\./);
    // The node's own credentials cannot lift the taint (NodeRestriction): only the loop and admins change taints.
    const asNode = new Kubectl(join(dataRoot, 'lost', 'simulated', LOST, 'kubelet.kubeconfig'));
    const lifted = await asNode.run(['taint', 'node', LOST, `${UNREACHABLE}:NoExecute-`]);
    expect(lifted.code).not.toBe(0);
    expect(lifted.stderr).toContain(`node "${LOST}" is not allowed to modify taints`);
    // The other node of the killed agent is tainted too; the one that stayed is not.
    await waitFor(
      'lost-1 tainted',
      async () => (await node('lost-1')).spec.taints?.some((t) => t.key === UNREACHABLE) || undefined,
      15_000,
      250,
    );
    expect((await node('stay-0')).spec.taints ?? []).toEqual([]);

    // Deleted with the pod's own grace period: a kubelet that no longer answers leaves it Terminating.
    const deletedAt = async (name: string) =>
      waitFor(
        `${name} being deleted`,
        async () => {
          const p = await pod(name);
          return p === undefined || p.metadata.deletionTimestamp ? p : undefined;
        },
        20_000,
        100,
      );
    const requestedAt = (p: PodView) =>
      Date.parse(p.metadata.deletionTimestamp!) - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
    const intolerant = (await deletedAt('intolerant'))!;
    const tolerant = (await deletedAt('tolerant'))!;
    const taintedAt = Date.parse(noExecute.timeAdded!);
    // Times are whole seconds: at once for the one, five seconds later for the other.
    expect(requestedAt(intolerant) - taintedAt).toBeLessThanOrEqual(2_000);
    expect(requestedAt(tolerant) - taintedAt).toBeGreaterThanOrEqual(4_000);
    expect(requestedAt(tolerant) - taintedAt).toBeLessThanOrEqual(8_000);
    for (const evicted of [intolerant, tolerant]) {
      expect(evicted.status.conditions).toContainEqual(
        expect.objectContaining({
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'DeletionByTaintManager',
          message: 'Taint manager: deleting due to NoExecute taint',
        }),
      );
    }
    const events = JSON.parse(await kubectl.ok(['get', 'events', '-n', NS, '-o', 'json'])).items as {
      reason: string;
      message: string;
      involvedObject: { name: string };
    }[];
    const evictions = events.filter((e) => e.reason === 'TaintManagerEviction').map((e) => e.message);
    expect(evictions).toEqual(
      expect.arrayContaining([`Marking for deletion Pod ${NS}/intolerant`, `Marking for deletion Pod ${NS}/tolerant`]),
    );

    // The pod tolerating 300 s stays, not ready.
    const defaulted = (await pod('defaulted'))!;
    expect(defaulted.metadata.deletionTimestamp).toBeUndefined();
    expect(readyOf(defaulted)?.status).toBe('False');
    expect(events.filter((e) => e.reason === 'NodeNotReady').map((e) => e.involvedObject.name)).toContain('defaulted');

    // The agent back: Ready again, the taints gone, the pending eviction of the defaulted pod cancelled.
    startAgent('lost', 2);
    const back = await waitFor(
      'the node Ready and untainted',
      async () => {
        const n = await node(LOST);
        return readyOf(n)?.status === 'True' && (n.spec.taints ?? []).length === 0 ? n : undefined;
      },
      60_000,
      250,
    );
    expect(back.spec.taints ?? []).toEqual([]);
    await waitFor(
      'the eviction of the defaulted pod cancelled',
      async () =>
        (JSON.parse(await kubectl.ok(['get', 'events', '-n', NS, '-o', 'json'])).items as { message: string }[]).some(
          (e) => e.message === `Cancelling deletion of Pod ${NS}/defaulted`,
        ) || undefined,
      15_000,
      250,
    );
    expect((await pod('defaulted'))!.metadata.deletionTimestamp).toBeUndefined();
    expect(await kubectl.ok(['describe', 'node', LOST])).toMatch(/Taints:\s+<none>/);
  }, 150_000);

  it('takes a node back that was out of reach without a restart: its agent posts Ready again, the taints go', async () => {
    const lost = agents.get('lost')!.agent;
    const unreachable = async () => {
      const n = await node(LOST);
      return readyOf(n)?.status === 'Unknown' && n.spec.taints?.some((t) => t.key === UNREACHABLE) ? n : undefined;
    };
    // A stopped process, as a node cut off: no renewals, no status, and later it resumes as it was.
    process.kill(lost.child.pid!, 'SIGSTOP');
    try {
      await waitFor('the node Unknown and tainted', unreachable, (GRACE_SECONDS + 20) * 1000, 250);
    } finally {
      process.kill(lost.child.pid!, 'SIGCONT');
    }
    // Its last post is recent and nothing changed on its side: it posts because the server holds Unknown.
    await waitFor(
      'the node Ready and untainted again',
      async () => {
        const n = await node(LOST);
        return (readyOf(n)?.status === 'True' && (n.spec.taints ?? []).length === 0) || undefined;
      },
      30_000,
      250,
    );
  }, 90_000);
});
