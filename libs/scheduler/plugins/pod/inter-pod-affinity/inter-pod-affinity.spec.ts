import type { Namespace, Pod } from '@kubenest/api/core/types';
import { CycleState, FilterPlugin, newPodInfo, PreFilterPlugin, Status } from '../../../framework';
import { affinity, fakeHandle, HOSTNAME, namespace, node, pod, term, ZONE } from '../pod-plugins.fixtures';
import { nodeInfosOf } from '../../../testing';
import { REASON_AFFINITY, REASON_ANTI_AFFINITY, REASON_EXISTING_ANTI_AFFINITY } from './filter';
import { newInterPodAffinity } from './inter-pod-affinity';

type Plugin = PreFilterPlugin & FilterPlugin;

const nodes = [node('n1', { [ZONE]: 'z1' }), node('n2', { [ZONE]: 'z1' }), node('n3', { [ZONE]: 'z2' }), node('n4')];
const web = { app: 'web' };
const db = { app: 'db' };

const namespaces = [namespace('default'), namespace('a1', { team: 'a' }), namespace('b1', { team: 'b' })];

/** Node name → 'ok' or `code: reason`, or 'Skip' when the pre-filter skipped. */
const run = (incoming: Pod, existing: Pod[], ns: Namespace[] = namespaces): Record<string, string> | 'Skip' => {
  const infos = nodeInfosOf(nodes, existing);
  const plugin = newInterPodAffinity(undefined, fakeHandle({ nodes: infos, namespaces: ns })) as Plugin;
  const state = new CycleState();
  const pre = plugin.preFilter(state, incoming, infos);
  if (pre.status.code === 'Skip') return 'Skip';
  expect(pre.status.code).toBe('Success');
  return Object.fromEntries(infos.map((i) => [i.name, outcome(plugin.filter(state, incoming, i))]));
};

const outcome = (s: Status): string => (s.code === 'Success' ? 'ok' : `${s.code}: ${s.reasons.join(', ')}`);
const AFF = `UnschedulableAndUnresolvable: ${REASON_AFFINITY}`;
const ANTI = `Unschedulable: ${REASON_ANTI_AFFINITY}`;
const EXISTING = `Unschedulable: ${REASON_EXISTING_ANTI_AFFINITY}`;

describe('InterPodAffinity filter', () => {
  it.each([
    { name: 'no terms anywhere: skipped', incoming: pod('p', { labels: web }), existing: [], want: 'Skip' as const },
    {
      name: 'required affinity by zone: the zone of a matching pod only, and never a node without the key',
      incoming: pod('p', { spec: affinity({ affinity: [term(db, ZONE)] }) }),
      existing: [pod('db', { labels: db, nodeName: 'n1' })],
      want: { n1: 'ok', n2: 'ok', n3: AFF, n4: AFF },
    },
    {
      name: 'required affinity with no matching pod, the pod not matching itself: nowhere',
      incoming: pod('p', { spec: affinity({ affinity: [term(db, ZONE)] }) }),
      existing: [],
      want: { n1: AFF, n2: AFF, n3: AFF, n4: AFF },
    },
    {
      name: 'first pod of a group (matches its own affinity, no pod anywhere matches): any node with the key',
      incoming: pod('p', { labels: web, spec: affinity({ affinity: [term(web, ZONE)] }) }),
      existing: [pod('other', { labels: db, nodeName: 'n3' })],
      want: { n1: 'ok', n2: 'ok', n3: 'ok', n4: AFF },
    },
    {
      name: 'second pod of a group: follows the first',
      incoming: pod('p', { labels: web, spec: affinity({ affinity: [term(web, ZONE)] }) }),
      existing: [pod('w1', { labels: web, nodeName: 'n3' })],
      want: { n1: AFF, n2: AFF, n3: 'ok', n4: AFF },
    },
    {
      name: 'a matching pod in another namespace does not count (the term looks in the pod namespace)',
      incoming: pod('p', { spec: affinity({ affinity: [term(db, ZONE)] }) }),
      existing: [pod('db', { namespace: 'a1', labels: db, nodeName: 'n1' })],
      want: { n1: AFF, n2: AFF, n3: AFF, n4: AFF },
    },
    {
      name: 'required anti-affinity by hostname: only the node holding a match',
      incoming: pod('p', { labels: web, spec: affinity({ antiAffinity: [term(web, HOSTNAME)] }) }),
      existing: [pod('w1', { labels: web, nodeName: 'n1' })],
      want: { n1: ANTI, n2: 'ok', n3: 'ok', n4: 'ok' },
    },
    {
      name: 'required anti-affinity by zone: the whole zone; a node without the key is fine',
      incoming: pod('p', { spec: affinity({ antiAffinity: [term(web, ZONE)] }) }),
      existing: [pod('w1', { labels: web, nodeName: 'n1' })],
      want: { n1: ANTI, n2: ANTI, n3: 'ok', n4: 'ok' },
    },
    {
      name: 'namespaceSelector on the incoming anti-affinity: pods in namespaces with team=a only',
      incoming: pod('p', {
        spec: affinity({ antiAffinity: [term(web, ZONE, { namespaceSelector: { matchLabels: { team: 'a' } } })] }),
      }),
      existing: [
        pod('w1', { namespace: 'a1', labels: web, nodeName: 'n1' }),
        pod('w2', { namespace: 'b1', labels: web, nodeName: 'n3' }),
      ],
      want: { n1: ANTI, n2: ANTI, n3: 'ok', n4: 'ok' },
    },
    {
      name: 'an empty namespaceSelector selects every namespace',
      incoming: pod('p', { spec: affinity({ antiAffinity: [term(web, HOSTNAME, { namespaceSelector: {} })] }) }),
      existing: [
        pod('w1', { namespace: 'a1', labels: web, nodeName: 'n1' }),
        pod('w2', { namespace: 'b1', labels: web, nodeName: 'n3' }),
      ],
      want: { n1: ANTI, n2: 'ok', n3: ANTI, n4: 'ok' },
    },
    {
      name: 'a namespaces list',
      incoming: pod('p', { spec: affinity({ affinity: [term(db, HOSTNAME, { namespaces: ['b1'] })] }) }),
      existing: [
        pod('d1', { namespace: 'a1', labels: db, nodeName: 'n1' }),
        pod('d2', { namespace: 'b1', labels: db, nodeName: 'n2' }),
      ],
      want: { n1: AFF, n2: 'ok', n3: AFF, n4: AFF },
    },
    {
      name: "an existing pod's anti-affinity keeps a matching pod out of its zone",
      incoming: pod('p', { labels: web }),
      existing: [pod('db', { labels: db, nodeName: 'n1', spec: affinity({ antiAffinity: [term(web, ZONE)] }) })],
      want: { n1: EXISTING, n2: EXISTING, n3: 'ok', n4: 'ok' },
    },
    {
      name: "an existing pod's anti-affinity that does not select the pod: skipped",
      incoming: pod('p', { labels: { app: 'other' } }),
      existing: [pod('db', { labels: db, nodeName: 'n1', spec: affinity({ antiAffinity: [term(web, ZONE)] }) })],
      want: 'Skip' as const,
    },
    {
      name: "an existing pod's anti-affinity in another namespace only reaches pods of its own",
      incoming: pod('p', { namespace: 'b1', labels: web }),
      existing: [pod('db', { labels: db, nodeName: 'n1', spec: affinity({ antiAffinity: [term(web, ZONE)] }) })],
      want: 'Skip' as const,
    },
    {
      name: "an existing pod's namespaceSelector is matched against the incoming pod's namespace labels",
      incoming: pod('p', { namespace: 'a1', labels: web }),
      existing: [
        pod('db', {
          labels: db,
          nodeName: 'n3',
          spec: affinity({ antiAffinity: [term(web, ZONE, { namespaceSelector: { matchLabels: { team: 'a' } } })] }),
        }),
      ],
      want: { n1: 'ok', n2: 'ok', n3: EXISTING, n4: 'ok' },
    },
    {
      name: 'affinity, anti-affinity and existing anti-affinity together: the first failing rule names the reason',
      incoming: pod('p', {
        labels: web,
        spec: affinity({ affinity: [term(db, ZONE)], antiAffinity: [term(web, HOSTNAME)] }),
      }),
      existing: [
        pod('db', { labels: db, nodeName: 'n1' }),
        pod('w1', { labels: web, nodeName: 'n2' }),
        pod('guard', {
          labels: { app: 'guard' },
          nodeName: 'n1',
          spec: affinity({ antiAffinity: [term(web, HOSTNAME)] }),
        }),
      ],
      want: { n1: EXISTING, n2: ANTI, n3: AFF, n4: AFF },
    },
  ])('$name', ({ incoming, existing, want }) => {
    expect(run(incoming, existing)).toEqual(want);
  });

  it('a term whose selector does not parse makes the pod unresolvable', () => {
    const bad = pod('p', {
      spec: affinity({
        affinity: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, topologyKey: ZONE }],
      }),
    });
    const infos = nodeInfosOf(nodes);
    const plugin = newInterPodAffinity(undefined, fakeHandle({ nodes: infos })) as Plugin;
    const { status } = plugin.preFilter(new CycleState(), bad, infos);
    expect(status.code).toBe('UnschedulableAndUnresolvable');
    expect(status.reasons[0]).toMatch(/^parsing pod: /);
  });
});

describe('InterPodAffinity addPod / removePod (preemption what-ifs)', () => {
  const incoming = pod('p', { labels: web, spec: affinity({ antiAffinity: [term(web, HOSTNAME)] }) });
  const setup = (existing: Pod[]) => {
    const infos = nodeInfosOf(nodes, existing);
    const plugin = newInterPodAffinity(undefined, fakeHandle({ nodes: infos })) as Plugin;
    const state = new CycleState();
    plugin.preFilter(state, incoming, infos);
    return { infos, plugin, state };
  };

  it('removing the clashing pod frees its node; the clone taken before keeps the clash', () => {
    const victim = pod('w1', { labels: web, nodeName: 'n1' });
    const { infos, plugin, state } = setup([victim]);
    const before = state.clone();
    plugin.removePod!(state, incoming, newPodInfo(victim), infos[0]);
    expect(plugin.filter(state, incoming, infos[0]).code).toBe('Success');
    expect(plugin.filter(before, incoming, infos[0]).reasons).toEqual([REASON_ANTI_AFFINITY]);
  });

  it('adding a pod whose anti-affinity selects the incoming pod closes its node', () => {
    const guard = pod('guard', { labels: db, nodeName: 'n3', spec: affinity({ antiAffinity: [term(web, ZONE)] }) });
    const { infos, plugin, state } = setup([pod('x', { labels: db, nodeName: 'n2' })]);
    plugin.addPod!(state, incoming, newPodInfo(guard), infos[2]);
    expect(plugin.filter(state, incoming, infos[2]).reasons).toEqual([REASON_EXISTING_ANTI_AFFINITY]);
    plugin.removePod!(state, incoming, newPodInfo(guard), infos[2]);
    expect(plugin.filter(state, incoming, infos[2]).code).toBe('Success');
  });
});

describe('InterPodAffinity across cycles', () => {
  it('sees a pod added to a node since the last cycle (memoised counts follow the node generation)', () => {
    const infos = nodeInfosOf(nodes, [pod('w1', { labels: web, nodeName: 'n1' })]);
    const plugin = newInterPodAffinity(undefined, fakeHandle({ nodes: infos })) as Plugin;
    const incoming = (name: string) =>
      pod(name, { labels: web, spec: affinity({ antiAffinity: [term(web, HOSTNAME)] }) });
    const cycle = (p: Pod) => {
      const state = new CycleState();
      plugin.preFilter(state, p, infos);
      return infos.map((i) => plugin.filter(state, p, i).code);
    };
    expect(cycle(incoming('p1'))).toEqual(['Unschedulable', 'Success', 'Success', 'Success']);
    infos[1].addPod(newPodInfo(incoming('p1')));
    expect(cycle(incoming('p2'))).toEqual(['Unschedulable', 'Unschedulable', 'Success', 'Success']);
    infos[0].removePod(pod('w1', { labels: web, nodeName: 'n1' }));
    expect(cycle(incoming('p3'))).toEqual(['Success', 'Unschedulable', 'Success', 'Success']);
  });
});
