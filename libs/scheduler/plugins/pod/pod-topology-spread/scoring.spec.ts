import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod, Service } from '@kubenest/api/core/types';
import type { NodeInfo, PreScorePlugin, ScorePlugin } from '../../../framework';
import { Cluster, fakeHandle, HOSTNAME, node, pod, scoresOf, ZONE } from '../pod-plugins.fixtures';
import { nodeInfosOf } from '../../../testing';
import type { TopologySpreadConstraint } from './constraints';
import { newPodTopologySpread } from './pod-topology-spread';
import { normalizeReversed } from './scoring';

const web = { app: 'web' };
const soft = (topologyKey: string, maxSkew = 1): TopologySpreadConstraint => ({
  topologyKey,
  maxSkew,
  whenUnsatisfiable: 'ScheduleAnyway',
  labelSelector: { matchLabels: web },
});
const webOn = (name: string, nodeName: string) => pod(name, { labels: web, nodeName });
const webService: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: web },
};

const zoned = [node('n1', { [ZONE]: 'z1' }), node('n2', { [ZONE]: 'z1' }), node('n3', { [ZONE]: 'z2' }), node('n4')];

const scores = (
  incoming: Pod,
  existing: Pod[],
  cluster: Omit<Cluster, 'nodes'> = {},
  feasible?: (infos: NodeInfo[]) => NodeInfo[],
) => {
  const infos = nodeInfosOf(zoned, existing);
  const plugin = newPodTopologySpread(undefined, fakeHandle({ nodes: infos, ...cluster })) as PreScorePlugin &
    ScorePlugin;
  return scoresOf(plugin, incoming, feasible ? feasible(infos) : infos);
};

describe('PodTopologySpread score', () => {
  it.each([
    {
      // z1 holds 2, z2 none: weight ln(2 domains + 2); raw 3, 3, 0; the node without a zone is ignored.
      name: 'zone: the emptier zone scores highest',
      incoming: pod('p', { labels: web, spec: { topologySpreadConstraints: [soft(ZONE)] } }),
      existing: [webOn('a', 'n1'), webOn('b', 'n2')],
      want: { n1: 0, n2: 0, n3: 100, n4: 0 },
    },
    {
      // ln(4 + 2) = 1.79 per pod: raw 4, 2, 0, 0 → 100 * (4 + 0 - raw) / 4.
      name: 'hostname: counted per node',
      incoming: pod('p', { labels: web, spec: { topologySpreadConstraints: [soft(HOSTNAME)] } }),
      existing: [webOn('a', 'n1'), webOn('b', 'n1'), webOn('c', 'n2')],
      want: { n1: 0, n2: 50, n3: 100, n4: 100 },
    },
    {
      name: 'maxSkew softens the difference',
      incoming: pod('p', { labels: web, spec: { topologySpreadConstraints: [soft(HOSTNAME, 5)] } }),
      existing: [webOn('a', 'n1'), webOn('b', 'n1'), webOn('c', 'n2')],
      // raw 8, 6, 4, 4 → 100 * (12 - raw) / 8
      want: { n1: 50, n2: 75, n3: 100, n4: 100 },
    },
    {
      name: 'no matching pods anywhere: every counted node scores 100',
      incoming: pod('p', { labels: web, spec: { topologySpreadConstraints: [soft(HOSTNAME)] } }),
      existing: [],
      want: { n1: 100, n2: 100, n3: 100, n4: 100 },
    },
    {
      name: 'DoNotSchedule constraints are not scored',
      incoming: pod('p', {
        labels: web,
        spec: { topologySpreadConstraints: [{ ...soft(HOSTNAME), whenUnsatisfiable: 'DoNotSchedule' }] },
      }),
      existing: [webOn('a', 'n1')],
      want: 'Skip' as const,
    },
    {
      name: 'system defaults without a Service or ReplicaSet selecting the pod: skipped',
      incoming: pod('p', { labels: web }),
      existing: [webOn('a', 'n1')],
      want: 'Skip' as const,
    },
  ])('$name', ({ incoming, existing, want }) => {
    expect(scores(incoming, existing)).toEqual(want);
  });

  it('system defaults spread the pods of a Service across nodes and zones; a node without a zone still spreads by hostname', () => {
    // hostname: weight ln(4 + 2), maxSkew 3; zone: domains z1, z2 and '' (n4), weight ln(3 + 2), maxSkew 5.
    // n1: 1.79 + 2 + 1.61 + 4 = 9.4 → 9; n2: 2 + 5.61 → 8; n3: 2 + 4 = 6; n4 (no zone): 2.
    expect(scores(pod('p', { labels: web }), [webOn('a', 'n1')], { services: [webService] })).toEqual({
      n1: 22,
      n2: 33,
      n3: 55,
      n4: 100,
    });
  });

  it("system defaults use the controlling ReplicaSet's selector", () => {
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-1', namespace: 'default' },
      spec: { selector: { matchLabels: { ...web, hash: '1' } }, template: {} },
    };
    const incoming = pod('p', { labels: { ...web, hash: '1' }, ownerReplicaSet: 'web-1' });
    const sameRs = pod('a', { labels: { ...web, hash: '1' }, nodeName: 'n3' });
    const otherRs = pod('b', { labels: { ...web, hash: '2' }, nodeName: 'n1' });
    const got = scores(incoming, [sameRs, otherRs], { replicaSets: [rs] });
    expect(got).not.toBe('Skip');
    const byNode = got as Record<string, number>;
    expect(byNode.n3).toBeLessThan(byNode.n1);
    expect(byNode.n1).toBeLessThan(byNode.n4);
  });

  it('only the feasible nodes make domains and are scored', () => {
    const incoming = pod('p', { labels: web, spec: { topologySpreadConstraints: [soft(ZONE)] } });
    expect(scores(incoming, [webOn('a', 'n1')], {}, (infos) => infos.slice(0, 2))).toEqual({ n1: 100, n2: 100 });
  });
});

describe('normalizeReversed', () => {
  it.each([
    { raw: [4, 2, 0], ignored: [], want: [0, 50, 100] },
    { raw: [3, 3], ignored: [], want: [100, 100] },
    { raw: [0, 0], ignored: [], want: [100, 100] },
    { raw: [5, 1, 0], ignored: ['n2'], want: [20, 100, 0] },
  ])('$raw (ignoring $ignored) → $want', ({ raw, ignored, want }) => {
    const list = raw.map((score, i) => ({ name: `n${i}`, score }));
    normalizeReversed(list, new Set(ignored));
    expect(list.map((s) => s.score)).toEqual(want);
  });
});
