import { CycleState } from '../../framework';
import { makeNode, makePod, noHandle, nodeInfoOf, outcome } from './node-plugins.fixtures';
import { newNodeUnschedulable } from './node-unschedulable';
import type { Toleration } from '../../framework/tolerations';
import type { FilterPlugin, QueueingHintFn } from '../../framework';

const plugin = newNodeUnschedulable(undefined, noHandle) as FilterPlugin;

describe('NodeUnschedulable', () => {
  it.each<{ name: string; unschedulable?: boolean; tolerations?: Toleration[]; want: string[] | undefined }>([
    { name: 'a schedulable node', unschedulable: false, want: undefined },
    { name: 'unset', want: undefined },
    { name: 'a cordoned node', unschedulable: true, want: ['node(s) were unschedulable'] },
    {
      name: 'a cordoned node, tolerated',
      unschedulable: true,
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
      want: undefined,
    },
    {
      name: 'a cordoned node, everything tolerated',
      unschedulable: true,
      tolerations: [{ operator: 'Exists' }],
      want: undefined,
    },
    {
      name: 'a cordoned node, NoExecute tolerated only',
      unschedulable: true,
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }],
      want: ['node(s) were unschedulable'],
    },
  ])('$name', ({ unschedulable, tolerations, want }) => {
    const status = plugin.filter(
      new CycleState(),
      makePod('p', { tolerations }),
      nodeInfoOf(makeNode('n', { unschedulable })),
    );
    expect(outcome(status)).toEqual(
      want ? { code: 'UnschedulableAndUnresolvable', reasons: want } : { code: 'Success', reasons: [] },
    );
  });

  describe('events', () => {
    const events = plugin.eventsToRegister?.() ?? [];
    const hint = events[0].hint as QueueingHintFn;

    it('registers node additions and taint updates', () => {
      expect(events.map((e) => e.event)).toEqual([
        { resource: 'Node', action: 'Add' },
        { resource: 'Node', action: 'UpdateNodeTaint' },
      ]);
    });

    it.each([
      { name: 'a schedulable node added', old: undefined, now: false, want: 'Queue' },
      { name: 'a cordoned node added', old: undefined, now: true, want: 'Skip' },
      { name: 'uncordoned', old: true, now: false, want: 'Queue' },
      { name: 'cordoned', old: false, now: true, want: 'Skip' },
      { name: 'still schedulable', old: false, now: false, want: 'Skip' },
    ])('$name', ({ old, now, want }) => {
      const before = old === undefined ? undefined : makeNode('n', { unschedulable: old });
      expect(hint(makePod('p'), before, makeNode('n', { unschedulable: now }))).toBe(want);
    });
  });
});
