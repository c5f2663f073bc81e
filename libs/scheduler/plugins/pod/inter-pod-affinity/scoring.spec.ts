import type { Pod } from '@kubenest/api/core/types';
import { PreScorePlugin, ScorePlugin } from '../../../framework';
import { affinity, fakeHandle, HOSTNAME, node, pod, scoresOf, term, weighted, ZONE } from '../pod-plugins.fixtures';
import { nodeInfosOf } from '../../../testing';
import { newInterPodAffinity } from './inter-pod-affinity';
import { normalizeMinMax } from './scoring';

const nodes = [node('n1', { [ZONE]: 'z1' }), node('n2', { [ZONE]: 'z1' }), node('n3', { [ZONE]: 'z2' })];
const web = { app: 'web' };
const db = { app: 'db' };

const scores = (incoming: Pod, existing: Pod[], args?: Record<string, unknown>) => {
  const infos = nodeInfosOf(nodes, existing);
  const plugin = newInterPodAffinity(args, fakeHandle({ nodes: infos })) as PreScorePlugin & ScorePlugin;
  return scoresOf(plugin, incoming, infos);
};

describe('InterPodAffinity score', () => {
  it.each([
    {
      name: 'preferred affinity by zone toward a matching pod',
      incoming: pod('p', { spec: affinity({ preferredAffinity: [weighted(5, term(db, ZONE))] }) }),
      existing: [pod('db', { labels: db, nodeName: 'n1' })],
      want: { n1: 100, n2: 100, n3: 0 },
    },
    {
      name: 'preferred anti-affinity by zone away from a matching pod',
      incoming: pod('p', { spec: affinity({ preferredAntiAffinity: [weighted(5, term(db, ZONE))] }) }),
      existing: [pod('db', { labels: db, nodeName: 'n1' })],
      want: { n1: 0, n2: 0, n3: 100 },
    },
    {
      name: 'affinity and anti-affinity weights summed per node, then min-max',
      incoming: pod('p', {
        spec: affinity({
          preferredAffinity: [weighted(8, term(db, ZONE))],
          preferredAntiAffinity: [weighted(4, term({ app: 'cache' }, HOSTNAME))],
        }),
      }),
      existing: [pod('db', { labels: db, nodeName: 'n1' }), pod('cache', { labels: { app: 'cache' }, nodeName: 'n1' })],
      want: { n1: 50, n2: 100, n3: 0 },
    },
    {
      name: "an existing pod's preferred affinity draws the pods it selects",
      incoming: pod('p', { labels: web }),
      existing: [
        pod('db', {
          labels: db,
          nodeName: 'n3',
          spec: affinity({ preferredAffinity: [weighted(10, term(web, HOSTNAME))] }),
        }),
      ],
      want: { n1: 0, n2: 0, n3: 100 },
    },
    {
      name: "an existing pod's preferred anti-affinity pushes them away",
      incoming: pod('p', { labels: web }),
      existing: [
        pod('db', {
          labels: db,
          nodeName: 'n3',
          spec: affinity({ preferredAntiAffinity: [weighted(10, term(web, ZONE))] }),
        }),
      ],
      want: { n1: 100, n2: 100, n3: 0 },
    },
    {
      name: "an existing pod's required affinity weighs hardPodAffinityWeight (1 by default)",
      incoming: pod('p', { labels: web }),
      existing: [pod('db', { labels: db, nodeName: 'n1', spec: affinity({ affinity: [term(web, ZONE)] }) })],
      want: { n1: 100, n2: 100, n3: 0 },
    },
    {
      name: 'hardPodAffinityWeight 0 leaves required terms out of the score',
      incoming: pod('p', { labels: web }),
      existing: [pod('db', { labels: db, nodeName: 'n1', spec: affinity({ affinity: [term(web, ZONE)] }) })],
      args: { hardPodAffinityWeight: 0 },
      want: 'Skip' as const,
    },
    {
      name: 'ignorePreferredTermsOfExistingPods with a pod without preferred terms: skipped',
      incoming: pod('p', { labels: web }),
      existing: [
        pod('db', {
          labels: db,
          nodeName: 'n3',
          spec: affinity({ preferredAffinity: [weighted(10, term(web, HOSTNAME))] }),
        }),
      ],
      args: { ignorePreferredTermsOfExistingPods: true },
      want: 'Skip' as const,
    },
    {
      name: 'nothing weighs anywhere: skipped',
      incoming: pod('p', { spec: affinity({ preferredAffinity: [weighted(5, term(db, ZONE))] }) }),
      existing: [pod('web', { labels: web, nodeName: 'n1' })],
      want: 'Skip' as const,
    },
  ])('$name', ({ incoming, existing, args, want }) => {
    expect(scores(incoming, existing, args)).toEqual(want);
  });

  it('rejects a hardPodAffinityWeight out of 0..100', () => {
    expect(() => newInterPodAffinity({ hardPodAffinityWeight: 101 }, fakeHandle({ nodes: [] }))).toThrow(
      'hardPodAffinityWeight: Invalid value: 101: not in valid range [0-100]',
    );
  });
});

describe('normalizeMinMax', () => {
  it.each([
    { raw: [0, 5, 10], want: [0, 50, 100] },
    { raw: [-10, 0, 10], want: [0, 50, 100] },
    { raw: [3, 3], want: [0, 0] },
    // 100 * (29 / 100) is 28.999999999999996 in floating point, as in kube.
    { raw: [0, 29, 100], want: [0, 28, 100] },
  ])('$raw → $want', ({ raw, want }) => {
    const list = raw.map((score, i) => ({ name: `n${i}`, score }));
    normalizeMinMax(list);
    expect(list.map((s) => s.score)).toEqual(want);
  });
});
