import { CycleState } from '../../framework';
import type { FilterPlugin, QueueingHintFn, ScorePlugin } from '../../framework';
import { makeNode, makePod, noHandle, NodeOptions, nodeInfoOf, outcome, scoreAll } from './node-plugins.fixtures';
import { newTaintToleration } from './taint-toleration';
import type { Taint, Toleration } from '../../framework/tolerations';

const plugin = newTaintToleration(undefined, noHandle) as FilterPlugin & ScorePlugin;

const noSchedule = (key: string, value?: string): Taint => ({ key, value, effect: 'NoSchedule' });
const preferNo = (key: string, value?: string): Taint => ({ key, value, effect: 'PreferNoSchedule' });

describe('TaintToleration filter', () => {
  it.each<{ name: string; node: NodeOptions; tolerations?: Toleration[]; want?: string }>([
    { name: 'no taints', node: {}, want: undefined },
    {
      name: 'an untolerated NoSchedule taint',
      node: { taints: [noSchedule('dedicated', 'db')] },
      want: '{dedicated: db}',
    },
    {
      name: 'an untolerated NoExecute taint',
      node: { taints: [{ key: 'evict', value: 'now', effect: 'NoExecute' }] },
      want: '{evict: now}',
    },
    { name: 'a taint without a value', node: { taints: [noSchedule('dedicated')] }, want: '{dedicated: }' },
    { name: 'PreferNoSchedule does not keep pods off', node: { taints: [preferNo('soft')] }, want: undefined },
    {
      name: 'tolerated by key and value',
      node: { taints: [noSchedule('dedicated', 'db')] },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
      want: undefined,
    },
    {
      name: 'a toleration for another value',
      node: { taints: [noSchedule('dedicated', 'db')] },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web' }],
      want: '{dedicated: db}',
    },
    {
      name: 'the first untolerated of several is named',
      node: { taints: [noSchedule('a', '1'), noSchedule('b', '2'), noSchedule('c', '3')] },
      tolerations: [{ key: 'a', operator: 'Exists' }],
      want: '{b: 2}',
    },
    {
      name: 'Exists with no key tolerates every taint',
      node: { taints: [noSchedule('a', '1'), { key: 'b', effect: 'NoExecute' }] },
      tolerations: [{ operator: 'Exists' }],
      want: undefined,
    },
    { name: 'a node that is not Ready', node: { ready: 'False' }, want: '{node.kubernetes.io/not-ready: }' },
    { name: 'a node whose Ready is Unknown', node: { ready: 'Unknown' }, want: '{node.kubernetes.io/unreachable: }' },
    {
      name: 'a node that is not Ready, tolerated',
      node: { ready: 'False' },
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      want: undefined,
    },
    {
      name: 'the default NoExecute tolerations do not cover the NoSchedule taint',
      node: { ready: 'False' },
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      want: '{node.kubernetes.io/not-ready: }',
    },
    {
      name: 'its own taints come first',
      node: { ready: 'False', taints: [noSchedule('dedicated', 'db')] },
      want: '{dedicated: db}',
    },
  ])('$name', ({ node, tolerations, want }) => {
    const status = plugin.filter(new CycleState(), makePod('p', { tolerations }), nodeInfoOf(makeNode('n', node)));
    expect(outcome(status)).toEqual(
      want
        ? { code: 'UnschedulableAndUnresolvable', reasons: [`node(s) had untolerated taint ${want}`] }
        : { code: 'Success', reasons: [] },
    );
  });
});

describe('TaintToleration score', () => {
  it.each<{ name: string; nodes: Record<string, Taint[]>; tolerations?: Toleration[]; want: Record<string, number> }>([
    { name: 'no taints anywhere: all best', nodes: { a: [], b: [] }, want: { a: 100, b: 100 } },
    {
      name: 'fewer intolerable PreferNoSchedule taints is better',
      nodes: { a: [], b: [preferNo('x')], c: [preferNo('x'), preferNo('y')] },
      want: { a: 100, b: 50, c: 0 },
    },
    {
      name: 'integer scaling as kube',
      nodes: { a: [preferNo('x')], b: [preferNo('x'), preferNo('y'), preferNo('z')] },
      want: { a: 67, b: 0 },
    },
    {
      name: 'tolerated taints do not count',
      nodes: { a: [preferNo('x')], b: [preferNo('y')] },
      tolerations: [{ key: 'x', operator: 'Exists', effect: 'PreferNoSchedule' }],
      want: { a: 100, b: 0 },
    },
    {
      name: 'a toleration without an effect counts',
      nodes: { a: [preferNo('x')], b: [preferNo('y')] },
      tolerations: [{ key: 'x', operator: 'Exists' }],
      want: { a: 100, b: 0 },
    },
    {
      name: 'a NoSchedule toleration does not',
      nodes: { a: [preferNo('x')], b: [] },
      tolerations: [{ key: 'x', operator: 'Exists', effect: 'NoSchedule' }],
      want: { a: 0, b: 100 },
    },
    {
      name: 'NoSchedule taints do not count',
      nodes: { a: [noSchedule('x')], b: [preferNo('y')] },
      tolerations: [{ key: 'x', operator: 'Exists' }],
      want: { a: 100, b: 0 },
    },
  ])('$name', ({ nodes, tolerations, want }) => {
    const infos = Object.entries(nodes).map(([name, taints]) => nodeInfoOf(makeNode(name, { taints })));
    expect(scoreAll(plugin, makePod('p', { tolerations }), infos)).toEqual(want);
  });
});

describe('TaintToleration events', () => {
  const events = plugin.eventsToRegister?.() ?? [];
  const hint = events[0].hint as QueueingHintFn;

  it('registers node additions, taint updates and (for the implied readiness taint) condition updates', () => {
    expect(events.map((e) => e.event.action)).toEqual(['Add', 'UpdateNodeTaint', 'UpdateNodeCondition']);
    expect(events.every((e) => e.event.resource === 'Node' && e.hint)).toBe(true);
  });

  it.each<{ name: string; old?: NodeOptions; now: NodeOptions; want: string }>([
    { name: 'an untainted node added', now: {}, want: 'Queue' },
    { name: 'a tainted node added', now: { taints: [noSchedule('x')] }, want: 'Skip' },
    { name: 'the taint removed', old: { taints: [noSchedule('x')] }, now: {}, want: 'Queue' },
    { name: 'a taint added', old: {}, now: { taints: [noSchedule('x')] }, want: 'Skip' },
    { name: 'the node became Ready', old: { ready: 'False' }, now: {}, want: 'Queue' },
    { name: 'nothing the pod cares about', old: { taints: [preferNo('x')] }, now: {}, want: 'Skip' },
  ])('$name', ({ old, now, want }) => {
    expect(hint(makePod('p'), old && makeNode('n', old), makeNode('n', now))).toBe(want);
  });
});
