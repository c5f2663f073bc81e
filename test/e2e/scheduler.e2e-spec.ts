// The scheduler seen from outside, as kube-scheduler behaves: pods created with the real kubectl
// and no nodeName land on the four simulated nodes of one `--simulate 4` agent where nodeSelector,
// node affinity, taints, inter-pod (anti-)affinity and topology spread say; a pod that fits
// nowhere stays Pending with kube's exact FailedScheduling message and is scheduled as soon as
// the cluster changes (a node joins, a taint goes), not on a timer; priority and preemption; a
// pod for another scheduler left alone and bound by hand; and with two apiservers on one
// database, one scheduler under the Lease kube-system/kube-scheduler, binding each pod once.
//
// Sizes: each simulated node here reports cpu 4, memory 8Gi, pods 110 (--cpu/--memory/--pods);
// zones by `kubectl label`: sim-0 and sim-1 in zone-a, sim-2 and sim-3 in zone-b. Every case
// works in a namespace of its own, deleted (and so its pods gone) before the next case starts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { TestPostgres, startTestPostgres } from '@kubenest/testing/postgres';
import { waitFor } from '@kubenest/testing/wait';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';
import { AgentProcess, stopAgentAndPods } from './support/agent-process';
import { bootstrapTokenManifest } from './support/bootstrap-token';
import {
  HOSTNAME,
  onNode,
  podAffinityTerm,
  podManifest,
  PodView,
  requiredNodeAffinity,
  SchedulingView,
  ZONE,
  fromDefaultScheduler,
} from './support/scheduling';
import { startSimulatedNodes, waitForReadyNodes } from './support/simulated-nodes';

const TOKEN = 'schede.0123456789abcdef';
const NODES = ['sim-0', 'sim-1', 'sim-2', 'sim-3'];
const ZONES: Record<string, string> = { 'sim-0': 'zone-a', 'sim-1': 'zone-a', 'sim-2': 'zone-b', 'sim-3': 'zone-b' };
const DISK = 'e2e.kubenest.io/disk';
const GEN = 'e2e.kubenest.io/gen';
const GPU = 'e2e.kubenest.io/gpu';
/** Per node, beside the zone: sim-3 has no disk label, only sim-2 a gpu. */
const NODE_LABELS: Record<string, string[]> = {
  'sim-0': [`${DISK}=ssd`, `${GEN}=1`],
  'sim-1': [`${DISK}=hdd`, `${GEN}=2`],
  'sim-2': [`${DISK}=ssd`, `${GEN}=3`, `${GPU}=true`],
  'sim-3': [`${GEN}=4`],
};
const NODE_CPU = 4;
/** A kube-scheduler retries a pod only on a cluster event; without one a retry comes after minutes. */
const RESCHEDULE_WITHIN_MS = 5_000;

interface NodeView {
  metadata: { name: string; labels: Record<string, string> };
  spec: { taints?: { key: string; value?: string; effect: string }[] };
  status: { capacity: Record<string, string>; conditions: { type: string; status: string }[] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the scheduler, on simulated nodes, driven by kubectl', () => {
  let server: KubenestServer;
  let kubectl: Kubectl;
  let view: SchedulingView;
  const dataRoot = mkdtempSync(join(tmpdir(), 'kubenest-scheduler-e2e-'));
  const agents: { agent: AgentProcess; dataDir: string }[] = [];
  let namespace: string;
  let caseIndex = 0;

  const startAgent = (name: string, count: number, extraArgs: string[] = []): AgentProcess => {
    const dataDir = join(dataRoot, name);
    const agent = startSimulatedNodes(server, { name, dataDir, count, token: TOKEN, extraArgs });
    agents.push({ agent, dataDir });
    return agent;
  };

  const readyNodes = async (): Promise<NodeView[]> =>
    (JSON.parse(await kubectl.ok(['get', 'nodes', '-o', 'json'])).items as NodeView[]).filter((n) =>
      n.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    );

  const scheduledEvents = async (ns: string, pod: string) =>
    (await view.events(ns, pod)).filter((e) => e.reason === 'Scheduled' && fromDefaultScheduler(e));

  beforeAll(async () => {
    server = await startKubenest();
    kubectl = new Kubectl(server.kubeconfig);
    view = new SchedulingView(kubectl);
    await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
    const agent = startAgent('sim', NODES.length, ['--cpu', String(NODE_CPU), '--memory', '8Gi', '--pods', '110']);
    await waitForReadyNodes(kubectl, NODES.length, [agent]);
    for (const node of NODES) {
      await kubectl.ok(['label', 'node', node, `${ZONE}=${ZONES[node]}`, ...NODE_LABELS[node]]);
    }
  }, 120_000);

  afterAll(async () => {
    for (const { agent, dataDir } of agents) await stopAgentAndPods(agent, dataDir);
    await server?.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  }, 60_000);

  beforeEach(async () => {
    namespace = `sched-${++caseIndex}`;
    await kubectl.ok(['create', 'namespace', namespace]);
  });

  // The pods go first, waited for, so that no case sees another's pods (or a late deletion event
  // that would give a pending pod a retry); the empty namespace goes in the background.
  afterEach(async () => {
    await kubectl.ok(['delete', 'pods', '--all', '-n', namespace, '--timeout=60s']);
    await kubectl.ok(['delete', 'namespace', namespace, '--wait=false']);
  }, 70_000);

  it('has four Ready simulated nodes of the size given, labelled by zone', async () => {
    const nodes = (await readyNodes()).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    expect(nodes.map((n) => n.metadata.name)).toEqual(NODES);
    for (const n of nodes) {
      expect(n.status.capacity).toMatchObject({ cpu: String(NODE_CPU), memory: '8Gi', pods: '110' });
      expect(n.metadata.labels).toMatchObject({ [HOSTNAME]: n.metadata.name, [ZONE]: ZONES[n.metadata.name] });
      expect(n.spec.taints ?? []).toEqual([]);
    }
  });

  it('gives a pod made by `kubectl run` a node, with a Scheduled event', async () => {
    await kubectl.ok(['run', 'web', '-n', namespace, '--image=registry.k8s.io/pause:3.10', '--restart=Never']);
    const { web: node } = await view.waitBound(namespace, ['web']);
    expect(NODES).toContain(node);
    const events = await waitFor('the Scheduled event', async () => {
      const found = await scheduledEvents(namespace, 'web');
      return found.length > 0 ? found : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'Normal', message: `Successfully assigned ${namespace}/web to ${node}` });
    const pod = await view.pod(namespace, 'web');
    expect(pod.status.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'True' }));
    expect(await kubectl.ok(['describe', 'pod', 'web', '-n', namespace])).toMatch(
      new RegExp(`Normal\\s+Scheduled\\s+.*default-scheduler\\s+Successfully assigned ${namespace}/web to ${node}`),
    );
  });

  it('places pods by nodeSelector and required node affinity (every operator, terms ORed)', async () => {
    const cases: { name: string; spec: Record<string, unknown>; on: string[] }[] = [
      { name: 'selector-hdd', spec: { nodeSelector: { [DISK]: 'hdd' } }, on: ['sim-1'] },
      {
        name: 'in-ssd-zone-b',
        spec: requiredNodeAffinity([
          { key: DISK, operator: 'In', values: ['ssd'] },
          { key: ZONE, operator: 'In', values: ['zone-b'] },
        ]),
        on: ['sim-2'],
      },
      {
        name: 'notin-ssd',
        spec: requiredNodeAffinity([{ key: DISK, operator: 'NotIn', values: ['ssd'] }]),
        on: ['sim-1', 'sim-3'],
      },
      { name: 'exists-gpu', spec: requiredNodeAffinity([{ key: GPU, operator: 'Exists' }]), on: ['sim-2'] },
      { name: 'no-disk', spec: requiredNodeAffinity([{ key: DISK, operator: 'DoesNotExist' }]), on: ['sim-3'] },
      { name: 'gen-gt-3', spec: requiredNodeAffinity([{ key: GEN, operator: 'Gt', values: ['3'] }]), on: ['sim-3'] },
      { name: 'gen-lt-2', spec: requiredNodeAffinity([{ key: GEN, operator: 'Lt', values: ['2'] }]), on: ['sim-0'] },
      {
        name: 'second-term',
        spec: requiredNodeAffinity(
          [{ key: DISK, operator: 'In', values: ['nvme'] }],
          [{ key: GEN, operator: 'Gt', values: ['3'] }],
        ),
        on: ['sim-3'],
      },
      {
        name: 'either-term',
        spec: requiredNodeAffinity([{ key: GPU, operator: 'Exists' }], [{ key: GEN, operator: 'Lt', values: ['2'] }]),
        on: ['sim-0', 'sim-2'],
      },
      {
        name: 'hostname-field',
        spec: {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['sim-1'] }] }],
              },
            },
          },
        },
        on: ['sim-1'],
      },
    ];
    await view.apply(
      namespace,
      cases.map((c) => podManifest(c.name, { spec: c.spec })),
    );
    const bound = await view.waitBound(
      namespace,
      cases.map((c) => c.name),
    );
    const misplaced = cases
      .filter((c) => !c.on.includes(bound[c.name]))
      .map((c) => ({ pod: c.name, node: bound[c.name], allowed: c.on }));
    expect(misplaced).toEqual([]);
  });

  it('puts a pod on the node its preferred node affinity names when that node fits', async () => {
    const preferring = (name: string, gen: string) =>
      podManifest(name, {
        spec: {
          affinity: {
            nodeAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, preference: { matchExpressions: [{ key: GEN, operator: 'In', values: [gen] }] } },
              ],
            },
          },
        },
      });
    await view.apply(namespace, [preferring('likes-gen-2', '2'), preferring('likes-gen-4', '4')]);
    expect(await view.waitBound(namespace, ['likes-gen-2', 'likes-gen-4'])).toEqual({
      'likes-gen-2': 'sim-1',
      'likes-gen-4': 'sim-3',
    });
  });

  it('keeps untolerating pods off a NoSchedule-tainted node, lets a tolerating one on, and schedules a waiting pod once the taint is removed', async () => {
    await kubectl.ok(['taint', 'node', 'sim-0', 'dedicated=db:NoSchedule']);
    let untainted = false;
    try {
      const plain = Array.from({ length: 8 }, (_, i) => podManifest(`plain-${i}`));
      const tolerating = podManifest('db', {
        spec: {
          ...onNode('sim-0'),
          tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
        },
      });
      await view.apply(namespace, [...plain, tolerating]);
      const bound = await view.waitBound(namespace, [...plain.map((p) => p.metadata.name), 'db']);
      expect(bound.db).toBe('sim-0');
      for (const p of plain) expect(bound[p.metadata.name]).not.toBe('sim-0');

      await view.apply(namespace, [podManifest('waits-for-sim-0', { spec: onNode('sim-0') })]);
      expect(await view.waitUnschedulable(namespace, 'waits-for-sim-0')).toBe(
        '0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, ' +
          "3 node(s) didn't match Pod's node affinity/selector. " +
          'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
      );
      await kubectl.ok(['taint', 'node', 'sim-0', 'dedicated=db:NoSchedule-']);
      untainted = true;
      expect(await view.waitBound(namespace, ['waits-for-sim-0'], RESCHEDULE_WITHIN_MS)).toMatchObject({
        'waits-for-sim-0': 'sim-0',
      });
    } finally {
      if (!untainted) await kubectl.run(['taint', 'node', 'sim-0', 'dedicated=db:NoSchedule-']);
    }
  });

  it('spreads pods with required anti-affinity by hostname one per node; the one beyond the node count stays Pending', async () => {
    const solo = { app: 'solo' };
    const pods = Array.from({ length: 5 }, (_, i) =>
      podManifest(`solo-${i}`, {
        labels: solo,
        spec: {
          affinity: {
            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [podAffinityTerm(solo, HOSTNAME)] },
          },
        },
      }),
    );
    await view.apply(namespace, pods.slice(0, 4));
    const bound = await view.waitBound(
      namespace,
      pods.slice(0, 4).map((p) => p.metadata.name),
    );
    expect(Object.values(bound).sort()).toEqual(NODES);

    await view.apply(namespace, [pods[4]]);
    expect(await view.waitUnschedulable(namespace, 'solo-4')).toBe(
      "0/4 nodes are available: 4 node(s) didn't match pod anti-affinity rules. " +
        'preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.',
    );
    expect((await view.pod(namespace, 'solo-4')).spec.nodeName).toBeUndefined();
  });

  it('honours inter-pod affinity and anti-affinity by zone, and an existing pod’s anti-affinity', async () => {
    await view.apply(namespace, [podManifest('db', { labels: { app: 'db' }, spec: onNode('sim-2') })]);
    await view.waitBound(namespace, ['db']);
    const nearDb = Array.from({ length: 4 }, (_, i) =>
      podManifest(`near-db-${i}`, {
        spec: {
          affinity: {
            podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [podAffinityTerm({ app: 'db' }, ZONE)] },
          },
        },
      }),
    );
    const zonal = { app: 'zonal' };
    const onePerZone = Array.from({ length: 3 }, (_, i) =>
      podManifest(`zonal-${i}`, {
        labels: zonal,
        spec: {
          affinity: {
            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [podAffinityTerm(zonal, ZONE)] },
          },
        },
      }),
    );
    await view.apply(namespace, [...nearDb, ...onePerZone.slice(0, 2)]);
    const bound = await view.waitBound(
      namespace,
      [...nearDb, ...onePerZone.slice(0, 2)].map((p) => p.metadata.name),
    );
    for (const p of nearDb) expect(ZONES[bound[p.metadata.name]]).toBe('zone-b');
    expect([ZONES[bound['zonal-0']], ZONES[bound['zonal-1']]].sort()).toEqual(['zone-a', 'zone-b']);

    await view.apply(namespace, [onePerZone[2]]);
    expect(await view.waitUnschedulable(namespace, 'zonal-2')).toBe(
      "0/4 nodes are available: 4 node(s) didn't match pod anti-affinity rules. " +
        'preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.',
    );

    // A pod already on sim-1 refuses company labelled app=intruder on its node: the incoming pod
    // has no rule of its own, the existing pod's rule keeps it out.
    await view.apply(namespace, [
      podManifest('loner', {
        spec: {
          ...onNode('sim-1'),
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [podAffinityTerm({ app: 'intruder' }, HOSTNAME)],
            },
          },
        },
      }),
    ]);
    await view.waitBound(namespace, ['loner']);
    await view.apply(namespace, [podManifest('intruder', { labels: { app: 'intruder' }, spec: onNode('sim-1') })]);
    expect(await view.waitUnschedulable(namespace, 'intruder')).toBe(
      "0/4 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules, " +
        "3 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, ' +
        '3 Preemption is not helpful for scheduling.',
    );
  });

  it('splits pods evenly across zones under a topology spread constraint (maxSkew 1, DoNotSchedule)', async () => {
    const spread = { app: 'spread' };
    const pods = Array.from({ length: 6 }, (_, i) =>
      podManifest(`spread-${i}`, {
        labels: spread,
        spec: {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: ZONE,
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: spread },
            },
          ],
        },
      }),
    );
    await view.apply(namespace, pods);
    const bound = await view.waitBound(
      namespace,
      pods.map((p) => p.metadata.name),
    );
    const perZone = Object.values(bound).reduce<Record<string, number>>(
      (counts, node) => ({ ...counts, [ZONES[node]]: (counts[ZONES[node]] ?? 0) + 1 }),
      {},
    );
    expect(perZone).toEqual({ 'zone-a': 3, 'zone-b': 3 });
  });

  it('leaves a pod for another scheduler alone, and a manual POST to pods/binding binds it', async () => {
    await view.apply(namespace, [podManifest('elsewhere', { spec: { schedulerName: 'other' } })]);
    // A pod for the default scheduler created after it is bound: the scheduler has seen both.
    await view.apply(namespace, [podManifest('ours')]);
    await view.waitBound(namespace, ['ours']);
    await sleep(1_000);
    const pod = await view.pod(namespace, 'elsewhere');
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status.conditions ?? []).not.toContainEqual(expect.objectContaining({ type: 'PodScheduled' }));
    expect((await view.events(namespace, 'elsewhere')).filter(fromDefaultScheduler)).toEqual([]);

    const binding = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'elsewhere' },
      target: { apiVersion: 'v1', kind: 'Node', name: 'sim-2' },
    };
    await kubectl.ok(['create', '--raw', `/api/v1/namespaces/${namespace}/pods/elsewhere/binding`, '-f', '-'], {
      input: JSON.stringify(binding),
    });
    expect((await view.pod(namespace, 'elsewhere')).spec.nodeName).toBe('sim-2');
    expect((await view.events(namespace, 'elsewhere')).filter(fromDefaultScheduler)).toEqual([]);
  });

  it('lets a high-priority pod preempt the fewest low-priority pods on one node; a pod that may not preempt waits', async () => {
    await kubectl.ok(['create', 'priorityclass', 'low', '--value=10']);
    await kubectl.ok(['create', 'priorityclass', 'high', '--value=1000']);
    await kubectl.ok(['create', 'priorityclass', 'high-never', '--value=1000', '--preemption-policy=Never']);
    try {
      expect(
        await kubectl.ok(['get', 'priorityclass', 'high-never', '-o', 'jsonpath={.value} {.preemptionPolicy}']),
      ).toBe('1000 Never');
      // Sixteen 1-cpu pods fill the four 4-cpu nodes exactly.
      const low = Array.from({ length: NODE_CPU * NODES.length }, (_, i) =>
        podManifest(`low-${i}`, { labels: { tier: 'low' }, cpu: '1', spec: { priorityClassName: 'low' } }),
      );
      await view.apply(namespace, low);
      const lowNodes = await view.waitBound(
        namespace,
        low.map((p) => p.metadata.name),
        30_000,
      );
      for (const node of NODES) expect(Object.values(lowNodes).filter((n) => n === node)).toHaveLength(NODE_CPU);
      expect((await view.pod(namespace, 'low-0')).spec).toMatchObject({ priority: 10 });

      const lowWatch = kubectl.start([
        'get',
        'pods',
        '-n',
        namespace,
        '-l',
        'tier=low',
        '-w',
        '-o',
        'jsonpath={.metadata.name} {.metadata.deletionTimestamp} {.metadata.deletionGracePeriodSeconds}{"\\n"}',
      ]);
      const highWatch = kubectl.start([
        'get',
        'pods',
        '-n',
        namespace,
        '-l',
        'tier=high',
        '-w',
        '-o',
        'jsonpath={.status.nominatedNodeName} {.spec.nodeName}{"\\n"}',
      ]);
      try {
        await waitFor(
          'the watch of the low pods listing them',
          () => lowWatch.output().split('\n').length > low.length,
        );
        await view.apply(namespace, [
          podManifest('high', { labels: { tier: 'high' }, cpu: '2', spec: { priorityClassName: 'high' } }),
        ]);
        const { high: node } = await view.waitBound(namespace, ['high'], 30_000);

        // Two of the four 1-cpu pods on that node make room for 2 cpu; the others stay.
        const left = (await view.pods(namespace)).filter((p) => p.metadata.labels?.tier === 'low');
        const gone = low.map((p) => p.metadata.name).filter((n) => !left.some((p) => p.metadata.name === n));
        expect(gone).toHaveLength(2);
        for (const victim of gone) expect(lowNodes[victim]).toBe(node);
        expect(left.every((p) => !p.metadata.deletionTimestamp)).toBe(true);
        // Deleted gracefully: each victim was seen terminating with a grace period before it went.
        await waitFor('the victims seen terminating in the watch', () =>
          gone.every((v) => new RegExp(`^${v} \\S+ [1-9]\\d*$`, 'm').test(lowWatch.output())),
        );
        // Nominated first, bound there once its victims were gone.
        await waitFor('the nomination seen in the watch', () => new RegExp(`^${node} $`, 'm').test(highWatch.output()));
        const high = await view.pod(namespace, 'high');
        expect(high.spec).toMatchObject({ priority: 1000 });
        // The attempt that preempted says only why the pod fit nowhere: its preemption succeeded. (A
        // retry while the victims were still terminating may have failed too, with its own message.)
        const failed = (await view.events(namespace, 'high')).filter((e) => e.reason === 'FailedScheduling');
        expect(failed.map((e) => e.message)).toContain('0/4 nodes are available: 4 Insufficient cpu.');
        for (const victim of gone) {
          const preempted = (await view.events(namespace, victim)).filter((e) => e.reason === 'Preempted');
          expect(preempted.map((e) => e.message)).toEqual([`Preempted by pod ${high.metadata.uid} on node ${node}`]);
        }
      } finally {
        lowWatch.stop();
        highWatch.stop();
      }

      // Every node is full again; a pod of the same priority that may not preempt just waits.
      await view.apply(namespace, [podManifest('polite', { cpu: '1', spec: { priorityClassName: 'high-never' } })]);
      expect(await view.waitUnschedulable(namespace, 'polite')).toBe(
        '0/4 nodes are available: 4 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
      );
      const polite = await view.pod(namespace, 'polite');
      expect(polite.spec).toMatchObject({ priority: 1000, preemptionPolicy: 'Never' });
      expect(polite.status.nominatedNodeName).toBeUndefined();
      expect((await view.pods(namespace)).filter((p: PodView) => p.metadata.labels?.tier === 'low')).toHaveLength(14);
    } finally {
      await kubectl.run(['delete', 'priorityclass', 'low', 'high', 'high-never']);
    }
  });

  it('keeps a pod too big for every node Pending with kube’s message, retries only when a node joins, then binds it there', async () => {
    await view.apply(namespace, [podManifest('huge', { cpu: '1000' })]);
    const message = await view.waitUnschedulable(namespace, 'huge');
    expect(message).toBe(
      '0/4 nodes are available: 4 Insufficient cpu. ' +
        'preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.',
    );
    const pod = await view.pod(namespace, 'huge');
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }),
    );
    const described = await kubectl.ok(['describe', 'pod', 'huge', '-n', namespace]);
    expect(described).toMatch(/^Status:\s+Pending$/m);
    expect(described).toMatch(
      /Warning\s+FailedScheduling\s+.*default-scheduler\s+0\/4 nodes are available: 4 Insufficient cpu\. preemption: 0\/4 nodes are available: 4 No preemption victims found for incoming pod\.$/m,
    );

    // Nothing changed in the cluster: no second attempt (kube would retry only after minutes).
    await sleep(3_000);
    expect(await view.failedAttempts(namespace, 'huge')).toBe(1);

    const joiner = startAgent('big', 1, ['--cpu', '2000', '--memory', '8Gi']);
    await waitFor(
      'node big-0 registered',
      async () => (await kubectl.run(['get', 'node', 'big-0'])).code === 0,
      60_000,
      100,
    ).catch((e) => {
      throw new Error(`${(e as Error).message}\nagent: ${joiner.output()}`);
    });
    expect(await view.waitBound(namespace, ['huge'], RESCHEDULE_WITHIN_MS)).toMatchObject({ huge: 'big-0' });
    expect((await scheduledEvents(namespace, 'huge')).map((e) => e.message)).toEqual([
      `Successfully assigned ${namespace}/huge to big-0`,
    ]);
  });
});

describe('the scheduler under its Lease, two apiservers on one database', () => {
  const LEASE = ['get', 'lease', 'kube-scheduler', '-n', 'kube-system', '-o', 'jsonpath={.spec.holderIdentity}'];
  let pg: TestPostgres;
  let a: KubenestProcess;
  let b: KubenestProcess;
  let kubectl: Kubectl;
  let view: SchedulingView;

  beforeAll(async () => {
    pg = await startTestPostgres();
    [a, b] = await Promise.all([
      launchKubenest({ env: { DATABASE_URL: pg.url } }),
      launchKubenest({ env: { DATABASE_URL: pg.url } }),
    ]);
    kubectl = new Kubectl(a.kubeconfig);
    view = new SchedulingView(kubectl);
    // Nodes as an admin writes them (no agent): Ready, with room for every pod below.
    for (const name of ['twin-0', 'twin-1']) {
      await kubectl.ok(['create', '-f', '-'], {
        input: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { [HOSTNAME]: name } } }),
      });
      const status = {
        status: {
          capacity: { cpu: '8', memory: '16Gi', pods: '110' },
          allocatable: { cpu: '8', memory: '16Gi', pods: '110' },
          conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ready' }],
        },
      };
      await kubectl.ok(['patch', 'node', name, '--subresource=status', '--type=merge', '-p', JSON.stringify(status)]);
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.destroy(), b?.destroy()]);
    await pg?.stop();
  }, 60_000);

  it('has one holder of kube-system/kube-scheduler, and binds each of 20 pods exactly once', async () => {
    const holder = await waitFor(
      'a holder of the kube-scheduler Lease',
      async () => (await kubectl.ok(LEASE)) || undefined,
      30_000,
      250,
    );
    const leaders = await waitFor('the holder’s log of its win', () => {
      const found = [a, b].filter((p) => p.output().includes(`${holder} became the leader`));
      return found.length > 0 ? found : undefined;
    });
    expect(leaders).toHaveLength(1);
    expect(await new Kubectl(b.kubeconfig).ok(LEASE)).toBe(holder);

    await kubectl.ok(['create', 'namespace', 'twins']);
    // Half the pods written through each apiserver.
    const names = Array.from({ length: 20 }, (_, i) => `pod-${i}`);
    await Promise.all([
      view.apply(
        'twins',
        names.slice(0, 10).map((n) => podManifest(n, { cpu: '100m' })),
      ),
      new SchedulingView(new Kubectl(b.kubeconfig)).apply(
        'twins',
        names.slice(10).map((n) => podManifest(n, { cpu: '100m' })),
      ),
    ]);
    const bound = await view.waitBound('twins', names, 30_000);
    expect(Object.keys(bound).sort()).toEqual([...names].sort());
    // Give a second scheduler, were there one, the time to try its own bindings.
    await sleep(2_000);
    const events = await view.events('twins');
    const scheduled = events.filter((e) => e.reason === 'Scheduled' && fromDefaultScheduler(e));
    for (const name of names) {
      const mine = scheduled.filter((e) => e.involvedObject.name === name);
      expect(mine.map((e) => e.message)).toEqual([`Successfully assigned twins/${name} to ${bound[name]}`]);
    }
    expect(events.filter((e) => e.reason === 'FailedScheduling')).toEqual([]);
    expect(await kubectl.ok(LEASE)).toBe(holder);
  });
});
