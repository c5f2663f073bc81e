import type { Node } from '@kubenest/api/core/types';
import type { Taint } from '@kubenest/api/core/tolerations';
import { noExecuteTaints } from './no-execute-taints.step';
import { node } from './testing-nodes';
import { DEFAULT_EVICTION_SETTINGS } from './zone-disruption';
import { ZoneEvictionLimiter } from './zone-eviction-limiter';

const NOW = '2026-01-01T01:00:00Z';
const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: 'earlier' };

describe('noExecuteTaints', () => {
  let clock: number;
  let limiter: ZoneEvictionLimiter;
  beforeEach(() => {
    clock = 0;
    limiter = new ZoneEvictionLimiter(DEFAULT_EVICTION_SETTINGS, () => clock);
  });

  const run = async (target: Node, others: Node[]) => {
    const written: Taint[][] = [];
    const result = await noExecuteTaints({
      nodes: () => [target, ...others],
      limiter,
      writeNode: async (_name, mutate) => {
        const current = structuredClone(target);
        mutate(current);
        written.push(current.spec!.taints!);
      },
      monitorPeriodMs: 5_000,
      now: () => new Date(NOW),
    })(target);
    return { result, written };
  };

  it('taints one unreachable node at once and the next after 1/rate, while another zone stays up', async () => {
    const up = [node('up1', 'True'), node('up2', 'True'), node('up3', 'True')];
    const first = await run(node('a', 'Unknown'), [node('b', 'Unknown'), ...up]);
    expect(first.written).toEqual([[{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: NOW }]]);
    const second = await run(node('b', 'Unknown'), [node('a', 'Unknown', { taints: [unreachable] }), ...up]);
    expect(second).toEqual({ result: { requeueAfterMs: 5_000 }, written: [] });
    clock = 10_000;
    expect((await run(node('b', 'Unknown'), [node('a', 'Unknown'), ...up])).written).toHaveLength(1);
  });

  it('swaps unreachable for not-ready without a token', async () => {
    const others = [node('up', 'True')];
    await run(node('x', 'Unknown'), others);
    const swapped = await run(node('a', 'False', { taints: [unreachable] }), others);
    expect(swapped.written).toEqual([[{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: NOW }]]);
  });

  it('lifts the taint once the node is Ready', async () => {
    expect((await run(node('a', 'True', { taints: [unreachable] }), [])).written).toEqual([[]]);
  });

  it('leaves a node tainted as it should be alone', async () => {
    expect(await run(node('a', 'Unknown', { taints: [unreachable] }), [node('up', 'True')])).toEqual({
      result: undefined,
      written: [],
    });
  });

  it('taints nothing, and lifts the taints, when every zone is fully disrupted', async () => {
    expect(await run(node('a', 'Unknown'), [])).toEqual({ result: { requeueAfterMs: 5_000 }, written: [] });
    expect((await run(node('a', 'Unknown', { taints: [unreachable] }), [node('b', 'False')])).written).toEqual([[]]);
  });
});
