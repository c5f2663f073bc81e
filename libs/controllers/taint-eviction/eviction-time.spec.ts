import type { Pod } from '@kubenest/api/core/types';
import type { Taint, Toleration } from '@kubenest/api/core/tolerations';
import { EvictionTime, evictionTime } from './eviction-time';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const FIRST_SEEN = T0 + 100_000;
const unreachable: Taint = {
  key: 'node.kubernetes.io/unreachable',
  effect: 'NoExecute',
  timeAdded: '2026-01-01T00:00:00Z',
};
const notReady: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:30Z' };
const dedicated: Taint = { key: 'dedicated', value: 'db', effect: 'NoExecute' };
const tolerate = (key: string, tolerationSeconds?: number): Toleration => ({
  key,
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds,
});
const pod = (tolerations: Toleration[]): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], tolerations } });

describe('evictionTime', () => {
  it.each<{ name: string; taints: Taint[]; tolerations: Toleration[]; want: EvictionTime }>([
    { name: 'no taint', taints: [], tolerations: [], want: { kind: 'never' } },
    { name: 'not tolerated: now', taints: [unreachable], tolerations: [], want: { kind: 'now' } },
    {
      name: 'one of two not tolerated: now',
      taints: [unreachable, dedicated],
      tolerations: [tolerate(unreachable.key, 300)],
      want: { kind: 'now' },
    },
    {
      name: 'tolerated for ever',
      taints: [unreachable],
      tolerations: [tolerate(unreachable.key)],
      want: { kind: 'never' },
    },
    {
      name: 'tolerated 5 s: timeAdded + 5 s',
      taints: [unreachable],
      tolerations: [tolerate(unreachable.key, 5)],
      want: { kind: 'at', atMs: T0 + 5_000 },
    },
    {
      name: 'tolerationSeconds 0: at timeAdded',
      taints: [unreachable],
      tolerations: [tolerate(unreachable.key, 0)],
      want: { kind: 'at', atMs: T0 },
    },
    {
      name: 'negative: as 0',
      taints: [unreachable],
      tolerations: [tolerate(unreachable.key, -10)],
      want: { kind: 'at', atMs: T0 },
    },
    {
      name: 'the earliest of two bounded taints',
      taints: [unreachable, notReady],
      tolerations: [tolerate(unreachable.key, 300), tolerate(notReady.key, 60)],
      want: { kind: 'at', atMs: T0 + 90_000 },
    },
    {
      name: 'a taint tolerated for ever beside a bounded one',
      taints: [dedicated, unreachable],
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db' }, tolerate(unreachable.key, 60)],
      want: { kind: 'at', atMs: T0 + 60_000 },
    },
    {
      name: 'no timeAdded: from first seen',
      taints: [{ ...dedicated, value: undefined }],
      tolerations: [tolerate('dedicated', 10)],
      want: { kind: 'at', atMs: FIRST_SEEN + 10_000 },
    },
  ])('$name', ({ taints, tolerations, want }) => {
    expect(evictionTime(pod(tolerations), taints, FIRST_SEEN)).toEqual(want);
  });
});
