import { makeNode } from './node-plugins.fixtures';
import { nodeTaints } from './node-taints';

describe('nodeTaints', () => {
  const own = { key: 'dedicated', value: 'db', effect: 'NoSchedule' as const };

  it.each([
    { name: 'a Ready node: its own taints', ready: 'True' as const, want: ['dedicated'] },
    { name: 'not Ready: not-ready', ready: 'False' as const, want: ['dedicated', 'node.kubernetes.io/not-ready'] },
    { name: 'Unknown: unreachable', ready: 'Unknown' as const, want: ['dedicated', 'node.kubernetes.io/unreachable'] },
    { name: 'no Ready condition: not-ready', ready: null, want: ['dedicated', 'node.kubernetes.io/not-ready'] },
  ])('$name', ({ ready, want }) => {
    expect(nodeTaints(makeNode('n', { taints: [own], ready })).map((t) => t.key)).toEqual(want);
  });

  it('implies NoSchedule', () => {
    expect(nodeTaints(makeNode('n', { ready: 'False' }))).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    ]);
  });

  it('does not add the taint a node carries already', () => {
    const taints = [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' as const }];
    expect(nodeTaints(makeNode('n', { taints, ready: 'False' }))).toEqual(taints);
  });

  it('adds NoSchedule next to the NoExecute one the node carries', () => {
    const taints = [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' as const }];
    expect(nodeTaints(makeNode('n', { taints, ready: 'Unknown' })).map((t) => t.effect)).toEqual([
      'NoExecute',
      'NoSchedule',
    ]);
  });
});
