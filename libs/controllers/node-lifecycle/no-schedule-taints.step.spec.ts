import type { Taint } from '@kubenest/api/core/tolerations';
import { noScheduleTaints } from './no-schedule-taints.step';
import { node } from './testing-nodes';

describe('noScheduleTaints', () => {
  it.each<{ name: string; ready: 'True' | 'Unknown'; taints?: Taint[]; want: Taint[][] }>([
    {
      name: 'taints an unreachable node',
      ready: 'Unknown',
      want: [[{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]],
    },
    { name: 'writes nothing when the taints match', ready: 'True', want: [] },
  ])('$name', async ({ ready, taints, want }) => {
    const target = node('a', ready, { taints });
    const written: Taint[][] = [];
    await noScheduleTaints({
      writeNode: async (_name, mutate) => {
        const current = structuredClone(target);
        mutate(current);
        written.push(current.spec!.taints!);
      },
    })(target);
    expect(written).toEqual(want);
  });
});
