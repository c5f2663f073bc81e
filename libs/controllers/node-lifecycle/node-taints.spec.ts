import type { Taint } from '@kubenest/api/core/tolerations';
import { noExecuteTaintsStale, wantedNoExecuteKey, withNoExecuteTaint, withNoScheduleTaints } from './node-taints';
import { node } from './testing-nodes';

const NS = (key: string): Taint => ({ key: `node.kubernetes.io/${key}`, effect: 'NoSchedule' });
const NE = (key: string, timeAdded?: string): Taint => ({
  key: `node.kubernetes.io/${key}`,
  effect: 'NoExecute',
  ...(timeAdded ? { timeAdded } : {}),
});
const own: Taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };

describe('withNoScheduleTaints', () => {
  it.each<{
    name: string;
    ready?: 'True' | 'False' | 'Unknown';
    taints?: Taint[];
    unschedulable?: boolean;
    want?: Taint[];
  }>([
    { name: 'ready, untainted: nothing to do', ready: 'True', want: undefined },
    { name: 'not ready', ready: 'False', taints: [own], want: [own, NS('not-ready')] },
    {
      name: 'unreachable replaces not-ready',
      ready: 'Unknown',
      taints: [NS('not-ready'), own],
      want: [own, NS('unreachable')],
    },
    { name: 'ready again', ready: 'True', taints: [NS('unreachable'), NE('unreachable')], want: [NE('unreachable')] },
    { name: 'cordoned', ready: 'True', unschedulable: true, want: [NS('unschedulable')] },
    { name: 'already as it should be', ready: 'False', taints: [NS('not-ready')], want: undefined },
    { name: 'no Ready condition: no readiness taint', want: undefined },
  ])('$name', ({ ready, taints, unschedulable, want }) => {
    expect(withNoScheduleTaints(node('n1', ready, { taints, unschedulable }))).toEqual(want);
  });

  it('mirrors a pressure condition', () => {
    const n = node('n1', 'True');
    n.status!.conditions!.push({ type: 'DiskPressure', status: 'True' });
    expect(withNoScheduleTaints(n)).toEqual([NS('disk-pressure')]);
  });
});

describe('the NoExecute taint', () => {
  const NOW = '2026-01-01T01:00:00Z';
  it.each<{
    name: string;
    ready?: 'True' | 'False' | 'Unknown';
    taints?: Taint[];
    wanted?: string;
    stale: boolean;
    want: Taint[];
  }>([
    {
      name: 'Unknown: unreachable',
      ready: 'Unknown',
      wanted: 'unreachable',
      stale: false,
      want: [NE('unreachable', NOW)],
    },
    { name: 'False: not-ready', ready: 'False', wanted: 'not-ready', stale: false, want: [NE('not-ready', NOW)] },
    {
      name: 'False after Unknown: swapped',
      ready: 'False',
      taints: [own, NE('unreachable', 'earlier')],
      wanted: 'not-ready',
      stale: true,
      want: [own, NE('not-ready', NOW)],
    },
    {
      name: 'kept with its own timeAdded',
      ready: 'Unknown',
      taints: [NE('unreachable', 'earlier')],
      wanted: 'unreachable',
      stale: false,
      want: [NE('unreachable', 'earlier')],
    },
    { name: 'Ready: removed', ready: 'True', taints: [NE('unreachable', 'e'), own], stale: true, want: [own] },
  ])('$name', ({ ready, taints, wanted, stale, want }) => {
    const n = node('n1', ready, { taints });
    const key = wanted && `node.kubernetes.io/${wanted}`;
    expect(wantedNoExecuteKey(n)).toBe(key);
    expect(noExecuteTaintsStale(n)).toBe(stale);
    expect(withNoExecuteTaint(n, key, NOW)).toEqual(want);
  });
});
