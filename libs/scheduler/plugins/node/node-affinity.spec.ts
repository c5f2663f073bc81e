import { CycleState } from '../../framework';
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, QueueingHintFn, ScorePlugin } from '../../framework';
import { newNodeAffinity } from './node-affinity';
import { makeNode, makePod, noHandle, nodeInfoOf, outcome, PodOptions, scoreAll } from './node-plugins.fixtures';
import type { NodeAffinity, NodeSelectorTerm, PreferredSchedulingTerm } from '../../framework/node-affinity';

type Plugin = PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
const plugin = (args?: Record<string, unknown>) => newNodeAffinity(args, noHandle) as Plugin;

const required = (...nodeSelectorTerms: NodeSelectorTerm[]): NodeAffinity => ({
  requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms },
});
const expr = (key: string, operator: string, ...values: string[]): NodeSelectorTerm => ({
  matchExpressions: [{ key, operator: operator as 'In', values: values.length ? values : undefined }],
});
const named = (...names: string[]): NodeSelectorTerm => ({
  matchFields: names.map((n) => ({ key: 'metadata.name', operator: 'In' as const, values: [n] })),
});

const POD_REASON = "node(s) didn't match Pod's node affinity/selector";

const feasible = (p: Plugin, pod: PodOptions, nodes: Record<string, Record<string, string>>): string[] => {
  const state = new CycleState();
  const { status } = p.preFilter(state, makePod('p', pod), []);
  const infos = Object.entries(nodes).map(([name, labels]) => nodeInfoOf(makeNode(name, { labels })));
  if (status.code === 'Skip') return infos.map((n) => n.name ?? '');
  return infos.filter((n) => p.filter(state, makePod('p', pod), n).code === 'Success').map((n) => n.name ?? '');
};

const nodes = {
  a: { zone: 'z1', disk: 'ssd', cores: '8' },
  b: { zone: 'z2', disk: 'hdd', cores: '2' },
  c: { zone: 'z3' },
};

describe('NodeAffinity filter', () => {
  it.each<{ name: string; pod: PodOptions; want: string[] }>([
    { name: 'nothing asked: every node', pod: {}, want: ['a', 'b', 'c'] },
    { name: 'nodeSelector', pod: { nodeSelector: { zone: 'z1' } }, want: ['a'] },
    { name: 'nodeSelector on two labels', pod: { nodeSelector: { zone: 'z1', disk: 'hdd' } }, want: [] },
    { name: 'nodeSelector on a missing label', pod: { nodeSelector: { gpu: 'yes' } }, want: [] },
    { name: 'In', pod: { affinity: required(expr('zone', 'In', 'z1', 'z2')) }, want: ['a', 'b'] },
    {
      name: 'NotIn (a missing label is not in)',
      pod: { affinity: required(expr('disk', 'NotIn', 'ssd')) },
      want: ['b', 'c'],
    },
    { name: 'Exists', pod: { affinity: required(expr('disk', 'Exists')) }, want: ['a', 'b'] },
    { name: 'DoesNotExist', pod: { affinity: required(expr('disk', 'DoesNotExist')) }, want: ['c'] },
    { name: 'Gt', pod: { affinity: required(expr('cores', 'Gt', '4')) }, want: ['a'] },
    { name: 'Lt', pod: { affinity: required(expr('cores', 'Lt', '4')) }, want: ['b'] },
    {
      name: 'Gt with a value that is no integer matches nothing',
      pod: { affinity: required(expr('cores', 'Gt', 'x')) },
      want: [],
    },
    {
      name: 'Gt with two values matches nothing',
      pod: { affinity: required(expr('cores', 'Gt', '1', '2')) },
      want: [],
    },
    { name: 'In without values matches nothing', pod: { affinity: required(expr('zone', 'In')) }, want: [] },
    { name: 'an unknown operator matches nothing', pod: { affinity: required(expr('zone', 'Near', 'z1')) }, want: [] },
    {
      name: 'expressions in a term are ANDed',
      pod: {
        affinity: required({
          matchExpressions: [
            ...(expr('zone', 'In', 'z1', 'z2').matchExpressions ?? []),
            ...(expr('disk', 'In', 'hdd').matchExpressions ?? []),
          ],
        }),
      },
      want: ['b'],
    },
    {
      name: 'terms are ORed',
      pod: { affinity: required(expr('zone', 'In', 'z1'), expr('zone', 'In', 'z3')) },
      want: ['a', 'c'],
    },
    {
      name: 'a term that does not parse leaves the others',
      pod: { affinity: required(expr('zone', 'Gt', 'z'), expr('zone', 'In', 'z3')) },
      want: ['c'],
    },
    { name: 'an empty term matches nothing', pod: { affinity: required({}) }, want: [] },
    { name: 'no terms match nothing', pod: { affinity: required() }, want: [] },
    {
      name: 'nodeSelector and affinity both apply',
      pod: { nodeSelector: { disk: 'ssd' }, affinity: required(expr('zone', 'In', 'z2')) },
      want: [],
    },
    { name: 'matchFields on metadata.name', pod: { affinity: required(named('b')) }, want: ['b'] },
    {
      name: 'matchFields NotIn',
      pod: { affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['b'] }] }) },
      want: ['a', 'c'],
    },
    {
      name: 'matchFields on another field matches nothing',
      pod: { affinity: required({ matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['b'] }] }) },
      want: [],
    },
    {
      name: 'fields and labels in one term are ANDed',
      pod: { affinity: required({ ...named('a'), matchExpressions: expr('zone', 'In', 'z2').matchExpressions }) },
      want: [],
    },
    {
      name: 'preferred terms do not filter',
      pod: {
        affinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: expr('zone', 'In', 'z1') }],
        },
      },
      want: ['a', 'b', 'c'],
    },
  ])('$name', ({ pod, want }) => {
    expect(feasible(plugin(), pod, nodes)).toEqual(want);
  });

  it('gives the reason kube gives, unresolvable', () => {
    const p = plugin();
    const state = new CycleState();
    const pod = makePod('p', { nodeSelector: { zone: 'z9' } });
    p.preFilter(state, pod, []);
    expect(outcome(p.filter(state, pod, nodeInfoOf(makeNode('a', { labels: nodes.a }))))).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: [POD_REASON],
    });
  });

  it('filters without its pre-filter state', () => {
    const pod = makePod('p', { nodeSelector: { zone: 'z9' } });
    expect(plugin().filter(new CycleState(), pod, nodeInfoOf(makeNode('a'))).reasons).toEqual([POD_REASON]);
  });
});

describe('NodeAffinity pre-filter', () => {
  it.each<{ name: string; pod: PodOptions; want: { code: string; nodeNames?: string[]; reasons?: string[] } }>([
    { name: 'nothing asked: skip', pod: {}, want: { code: 'Skip' } },
    {
      name: 'only preferred terms: skip',
      pod: { affinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } },
      want: { code: 'Skip' },
    },
    { name: 'a nodeSelector: all nodes', pod: { nodeSelector: { zone: 'z1' } }, want: { code: 'Success' } },
    { name: 'one named node', pod: { affinity: required(named('b')) }, want: { code: 'Success', nodeNames: ['b'] } },
    {
      name: 'names in ORed terms add up',
      pod: { affinity: required(named('a'), named('b')) },
      want: { code: 'Success', nodeNames: ['a', 'b'] },
    },
    {
      name: 'a term naming no node: all nodes',
      pod: { affinity: required(named('a'), expr('zone', 'Exists')) },
      want: { code: 'Success' },
    },
    {
      name: 'names ANDed in one term that cancel out',
      pod: { affinity: required(named('a', 'b')) },
      want: { code: 'UnschedulableAndUnresolvable', reasons: ['pod affinity terms conflict'] },
    },
  ])('$name', ({ pod, want }) => {
    const { status, result } = plugin().preFilter(new CycleState(), makePod('p', pod), []);
    expect({
      code: status.code,
      ...(result?.nodeNames ? { nodeNames: [...result.nodeNames].sort() } : {}),
      ...(status.reasons.length ? { reasons: status.reasons } : {}),
    }).toEqual(want);
  });
});

describe('NodeAffinity addedAffinity', () => {
  const added = { addedAffinity: required(expr('zone', 'In', 'z1', 'z2')) };

  it('is enforced on every pod, with its own reason', () => {
    const p = plugin(added);
    const state = new CycleState();
    const pod = makePod('p');
    expect(p.preFilter(state, pod, []).status.code).toBe('Success');
    expect(outcome(p.filter(state, pod, nodeInfoOf(makeNode('c', { labels: nodes.c }))))).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match scheduler-enforced node affinity"],
    });
  });

  it("is ANDed with the pod's own", () => {
    expect(feasible(plugin(added), { nodeSelector: { disk: 'hdd' } }, nodes)).toEqual(['b']);
  });

  it.each([
    { name: 'a required term', addedAffinity: required(expr('zone', 'Gt', 'z')) },
    {
      name: 'a preferred term',
      addedAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: expr('zone', 'Near') }],
      },
    },
  ])('refuses $name that does not parse', ({ addedAffinity }) => {
    expect(() => plugin({ addedAffinity })).toThrow(/^NodeAffinity: addedAffinity\./);
  });

  it('adds its preferred terms to the score', () => {
    const p = plugin({
      addedAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: expr('zone', 'In', 'z2') }],
      },
    });
    const infos = Object.entries(nodes).map(([name, labels]) => nodeInfoOf(makeNode(name, { labels })));
    expect(scoreAll(p, makePod('p'), infos)).toEqual({ a: 0, b: 100, c: 0 });
  });
});

describe('NodeAffinity score', () => {
  const prefer = (...terms: PreferredSchedulingTerm[]): PodOptions => ({
    affinity: { preferredDuringSchedulingIgnoredDuringExecution: terms },
  });

  it.each<{ name: string; pod: PodOptions; want: Record<string, number> }>([
    { name: 'no preferred terms: skip, all zero', pod: {}, want: { a: 0, b: 0, c: 0 } },
    {
      name: 'the matching term weighs',
      pod: prefer({ weight: 5, preference: expr('zone', 'In', 'z1') }),
      want: { a: 100, b: 0, c: 0 },
    },
    {
      name: 'weights summed, normalised to the highest',
      pod: prefer(
        { weight: 2, preference: expr('disk', 'Exists') },
        { weight: 1, preference: expr('zone', 'In', 'z1') },
        { weight: 4, preference: expr('zone', 'In', 'z3') },
      ),
      want: { a: 75, b: 50, c: 100 },
    },
    {
      name: 'an empty preference matches nothing',
      pod: prefer({ weight: 3, preference: {} }),
      want: { a: 0, b: 0, c: 0 },
    },
    {
      name: 'nothing matches: all zero',
      pod: prefer({ weight: 3, preference: expr('zone', 'In', 'z9') }),
      want: { a: 0, b: 0, c: 0 },
    },
  ])('$name', ({ pod, want }) => {
    const infos = Object.entries(nodes).map(([name, labels]) => nodeInfoOf(makeNode(name, { labels })));
    expect(scoreAll(plugin(), makePod('p', pod), infos)).toEqual(want);
  });

  it('fails the cycle for a preferred term that does not parse, as kube', () => {
    const pod = makePod('p', prefer({ weight: 1, preference: expr('cores', 'Gt', 'many') }));
    expect(plugin().preScore(new CycleState(), pod, []).code).toBe('Error');
  });
});

describe('NodeAffinity events', () => {
  const events = plugin().eventsToRegister?.() ?? [];
  const hint = events[0].hint as QueueingHintFn;
  const pod = makePod('p', { nodeSelector: { zone: 'z1' } });

  it('registers node additions and label updates', () => {
    expect(events.map((e) => e.event)).toEqual([
      { resource: 'Node', action: 'Add' },
      { resource: 'Node', action: 'UpdateNodeLabel' },
    ]);
  });

  it.each<{ name: string; old?: Record<string, string>; now: Record<string, string>; want: string }>([
    { name: 'a matching node added', old: undefined, now: { zone: 'z1' }, want: 'Queue' },
    { name: 'another node added', old: undefined, now: { zone: 'z2' }, want: 'Skip' },
    { name: 'relabelled to match', old: { zone: 'z2' }, now: { zone: 'z1' }, want: 'Queue' },
    { name: 'matched before already', old: { zone: 'z1' }, now: { zone: 'z1', x: 'y' }, want: 'Skip' },
    { name: 'relabelled away', old: { zone: 'z1' }, now: { zone: 'z2' }, want: 'Skip' },
  ])('$name', ({ old, now, want }) => {
    expect(hint(pod, old && makeNode('n', { labels: old }), makeNode('n', { labels: now }))).toBe(want);
  });

  it('skips a node the enforced affinity keeps the pod off', () => {
    const enforcedHint = plugin({ addedAffinity: required(expr('disk', 'Exists')) }).eventsToRegister?.()[0].hint;
    expect(enforcedHint?.(pod, undefined, makeNode('n', { labels: { zone: 'z1' } }))).toBe('Skip');
  });
});
