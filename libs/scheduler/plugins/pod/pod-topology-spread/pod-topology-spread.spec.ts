import type { Pod } from '@kubenest/api/core/types';
import { CycleState, FilterPlugin, newPodInfo, PreFilterPlugin, Status } from '../../../framework';
import { Cluster, fakeHandle, HOSTNAME, node, pod, ZONE } from '../pod-plugins.fixtures';
import { nodeInfosOf } from '../../../testing';
import type { TopologySpreadConstraint } from './constraints';
import { REASON_CONSTRAINTS_NOT_MATCH, REASON_MISSING_LABEL } from './filter';
import { newPodTopologySpread } from './pod-topology-spread';

type Plugin = PreFilterPlugin & FilterPlugin;

const web = { app: 'web' };
const spread = (
  topologyKey: string,
  maxSkew: number,
  more: Partial<TopologySpreadConstraint> = {},
): TopologySpreadConstraint => ({
  topologyKey,
  maxSkew,
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: web },
  ...more,
});
const spreading = (constraints: TopologySpreadConstraint[], more: Partial<NonNullable<Pod['spec']>> = {}) => ({
  labels: web,
  spec: { topologySpreadConstraints: constraints, ...more },
});
const webOn = (name: string, nodeName: string, labels: Record<string, string> = web) => pod(name, { labels, nodeName });

const taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' as const };
const nodes = [
  node('n1', { [ZONE]: 'z1', disk: 'ssd' }),
  node('n2', { [ZONE]: 'z1' }, { taints: [taint] }),
  node('n3', { [ZONE]: 'z2', disk: 'ssd' }),
  node('n4', { [ZONE]: 'z2' }),
  node('n5'),
];

const outcome = (s: Status): string => (s.code === 'Success' ? 'ok' : `${s.code}: ${s.reasons.join(', ')}`);
const SKEW = `Unschedulable: ${REASON_CONSTRAINTS_NOT_MATCH}`;
const MISSING = `UnschedulableAndUnresolvable: ${REASON_MISSING_LABEL}`;

const run = (incoming: Pod, existing: Pod[], cluster: Omit<Cluster, 'nodes'> = {}, args?: Record<string, unknown>) => {
  const infos = nodeInfosOf(nodes, existing);
  const plugin = newPodTopologySpread(args, fakeHandle({ nodes: infos, ...cluster })) as Plugin;
  const state = new CycleState();
  const pre = plugin.preFilter(state, incoming, infos);
  if (pre.status.code === 'Skip') return 'Skip';
  expect(pre.status.code).toBe('Success');
  return Object.fromEntries(infos.map((i) => [i.name, outcome(plugin.filter(state, incoming, i))]));
};

describe('PodTopologySpread filter', () => {
  it.each([
    {
      name: 'no constraints and nothing selecting the pod: skipped',
      incoming: pod('p', { labels: web }),
      existing: [],
      want: 'Skip' as const,
    },
    {
      name: 'zone maxSkew 1: the fuller zone is refused, a node without the key never fits',
      incoming: pod('p', spreading([spread(ZONE, 1)])),
      existing: [webOn('a', 'n1'), webOn('b', 'n2'), webOn('c', 'n3')],
      want: { n1: SKEW, n2: SKEW, n3: 'ok', n4: 'ok', n5: MISSING },
    },
    {
      name: 'hostname maxSkew 1: only the node already holding one is refused',
      incoming: pod('p', spreading([spread(HOSTNAME, 1)])),
      existing: [webOn('a', 'n1')],
      want: { n1: SKEW, n2: 'ok', n3: 'ok', n4: 'ok', n5: 'ok' },
    },
    {
      name: 'a pod its own selector does not match adds nothing to the skew',
      incoming: pod('p', { labels: { app: 'other' }, spec: { topologySpreadConstraints: [spread(HOSTNAME, 1)] } }),
      existing: [webOn('a', 'n1')],
      want: { n1: 'ok', n2: 'ok', n3: 'ok', n4: 'ok', n5: 'ok' },
    },
    {
      name: 'pods in another namespace or terminating do not count',
      incoming: pod('p', spreading([spread(HOSTNAME, 1)])),
      existing: [
        pod('a', { namespace: 'other', labels: web, nodeName: 'n1' }),
        pod('b', { labels: web, nodeName: 'n2', deleting: true }),
      ],
      want: { n1: 'ok', n2: 'ok', n3: 'ok', n4: 'ok', n5: 'ok' },
    },
    {
      name: 'minDomains above the domains there are: the global minimum is 0',
      incoming: pod('p', spreading([spread(ZONE, 1, { minDomains: 3 })])),
      existing: [webOn('a', 'n1'), webOn('b', 'n3')],
      want: { n1: SKEW, n2: SKEW, n3: SKEW, n4: SKEW, n5: MISSING },
    },
    {
      name: 'the same without minDomains',
      incoming: pod('p', spreading([spread(ZONE, 1)])),
      existing: [webOn('a', 'n1'), webOn('b', 'n3')],
      want: { n1: 'ok', n2: 'ok', n3: 'ok', n4: 'ok', n5: MISSING },
    },
    {
      name: "nodeAffinityPolicy Honor (default): nodes outside the pod's node affinity are not counted",
      incoming: pod('p', spreading([spread(ZONE, 1)], { nodeSelector: { disk: 'ssd' } })),
      existing: [webOn('a', 'n2'), webOn('b', 'n2'), webOn('c', 'n3')],
      want: { n1: 'ok', n2: 'ok', n3: SKEW, n4: SKEW, n5: MISSING },
    },
    {
      name: 'nodeAffinityPolicy Ignore: every node with the key is counted',
      incoming: pod(
        'p',
        spreading([spread(ZONE, 1, { nodeAffinityPolicy: 'Ignore' })], { nodeSelector: { disk: 'ssd' } }),
      ),
      existing: [webOn('a', 'n2'), webOn('b', 'n2'), webOn('c', 'n3')],
      want: { n1: SKEW, n2: SKEW, n3: 'ok', n4: 'ok', n5: MISSING },
    },
    {
      name: 'required node affinity terms count the same as a nodeSelector',
      incoming: pod(
        'p',
        spreading([spread(ZONE, 1)], {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }],
              },
            },
          },
        }),
      ),
      existing: [webOn('a', 'n2'), webOn('b', 'n2'), webOn('c', 'n3')],
      want: { n1: 'ok', n2: 'ok', n3: SKEW, n4: SKEW, n5: MISSING },
    },
    {
      name: 'nodeTaintsPolicy Ignore (default): pods on tainted nodes count',
      incoming: pod('p', spreading([spread(ZONE, 1)])),
      existing: [webOn('a', 'n2'), webOn('b', 'n2'), webOn('c', 'n3')],
      want: { n1: SKEW, n2: SKEW, n3: 'ok', n4: 'ok', n5: MISSING },
    },
    {
      name: 'nodeTaintsPolicy Honor: a node whose taint the pod does not tolerate is left out',
      incoming: pod('p', spreading([spread(ZONE, 1, { nodeTaintsPolicy: 'Honor' })])),
      existing: [webOn('a', 'n2'), webOn('b', 'n2'), webOn('c', 'n3')],
      want: { n1: 'ok', n2: 'ok', n3: SKEW, n4: SKEW, n5: MISSING },
    },
    {
      name: 'nodeTaintsPolicy Honor with a toleration for the taint: counted again',
      incoming: pod(
        'p',
        spreading([spread(ZONE, 1, { nodeTaintsPolicy: 'Honor' })], {
          tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
        }),
      ),
      existing: [webOn('a', 'n2'), webOn('b', 'n2'), webOn('c', 'n3')],
      want: { n1: SKEW, n2: SKEW, n3: 'ok', n4: 'ok', n5: MISSING },
    },
    {
      name: "matchLabelKeys: only pods sharing the incoming pod's value count",
      incoming: pod('p', {
        labels: { ...web, rev: '2' },
        spec: { topologySpreadConstraints: [spread(ZONE, 1, { matchLabelKeys: ['rev'] })] },
      }),
      existing: [
        webOn('a', 'n1', { ...web, rev: '1' }),
        webOn('b', 'n1', { ...web, rev: '1' }),
        webOn('c', 'n3', { ...web, rev: '2' }),
      ],
      want: { n1: 'ok', n2: 'ok', n3: SKEW, n4: SKEW, n5: MISSING },
    },
    {
      name: 'two constraints: a node must satisfy both',
      incoming: pod('p', spreading([spread(ZONE, 2), spread(HOSTNAME, 1)])),
      existing: [webOn('a', 'n1'), webOn('b', 'n2'), webOn('c', 'n4')],
      want: { n1: SKEW, n2: SKEW, n3: 'ok', n4: SKEW, n5: MISSING },
    },
    {
      name: 'ScheduleAnyway constraints are not filtered on',
      incoming: pod('p', spreading([spread(HOSTNAME, 1, { whenUnsatisfiable: 'ScheduleAnyway' })])),
      existing: [webOn('a', 'n1')],
      want: 'Skip' as const,
    },
  ])('$name', ({ incoming, existing, want }) => {
    expect(run(incoming, existing)).toEqual(want);
  });

  it('the system defaults are ScheduleAnyway only: no filtering even for a pod a Service selects', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: web },
    };
    expect(run(pod('p', { labels: web }), [webOn('a', 'n1')], { services: [service] })).toBe('Skip');
  });

  it('List defaults with DoNotSchedule spread the pods of the Service selecting the pod', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: web },
    };
    const args = {
      defaultingType: 'List',
      defaultConstraints: [{ topologyKey: HOSTNAME, maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }],
    };
    expect(run(pod('p', { labels: { ...web, x: 'y' } }), [webOn('a', 'n1')], { services: [service] }, args)).toEqual({
      n1: SKEW,
      n2: 'ok',
      n3: 'ok',
      n4: 'ok',
      n5: 'ok',
    });
  });
});

describe('PodTopologySpread addPod / removePod (preemption what-ifs)', () => {
  it('removing a matching pod lowers its domain; adding raises it; a clone keeps its own counts', () => {
    const incoming = pod('p', spreading([spread(HOSTNAME, 1)]));
    const victim = webOn('a', 'n1');
    const infos = nodeInfosOf(nodes, [victim]);
    const plugin = newPodTopologySpread(undefined, fakeHandle({ nodes: infos })) as Plugin;
    const state = new CycleState();
    plugin.preFilter(state, incoming, infos);
    const before = state.clone();
    plugin.removePod!(state, incoming, newPodInfo(victim), infos[0]);
    expect(plugin.filter(state, incoming, infos[0]).code).toBe('Success');
    expect(plugin.filter(before, incoming, infos[0]).code).toBe('Unschedulable');
    plugin.addPod!(state, incoming, newPodInfo(webOn('b', 'n3')), infos[2]);
    expect(plugin.filter(state, incoming, infos[2]).code).toBe('Unschedulable');
    plugin.addPod!(
      state,
      incoming,
      newPodInfo(pod('c', { namespace: 'other', labels: web, nodeName: 'n4' })),
      infos[3],
    );
    expect(plugin.filter(state, incoming, infos[3]).code).toBe('Success');
  });

  it('follows pods bound since the last cycle (memoised counts follow the node generation)', () => {
    const infos = nodeInfosOf(nodes);
    const plugin = newPodTopologySpread(undefined, fakeHandle({ nodes: infos })) as Plugin;
    const cycle = (p: Pod) => {
      const state = new CycleState();
      plugin.preFilter(state, p, infos);
      return infos.map((i) => plugin.filter(state, p, i).code === 'Success');
    };
    const incoming = (name: string) => pod(name, spreading([spread(HOSTNAME, 1)]));
    expect(cycle(incoming('p1'))).toEqual([true, true, true, true, true]);
    infos[0].addPod(newPodInfo({ ...incoming('p1'), spec: { ...incoming('p1').spec!, nodeName: 'n1' } }));
    expect(cycle(incoming('p2'))).toEqual([false, true, true, true, true]);
  });
});

describe('PodTopologySpread args', () => {
  it.each([
    {
      args: { defaultingType: 'Other' },
      error: 'defaultingType: Unsupported value: "Other": supported values: "List", "System"',
    },
    {
      args: { defaultConstraints: [{ topologyKey: ZONE, maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' }] },
      error: 'defaultConstraints: Invalid value: when .defaultingType is "System", .defaultConstraints must be empty',
    },
    {
      args: {
        defaultingType: 'List',
        defaultConstraints: [{ topologyKey: ZONE, maxSkew: 0, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: {} }],
      },
      error:
        'defaultConstraints[0].maxSkew: Invalid value: 0: must be greater than zero, defaultConstraints[0].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod',
    },
  ])('$error', ({ args, error }) => {
    expect(() => newPodTopologySpread(args, fakeHandle({ nodes: [] }))).toThrow(error);
  });
});
