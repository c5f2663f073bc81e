import type { Pod } from '@kubenest/api/core/types';
import { markPodsNotReady } from './mark-pods-not-ready.step';
import { node, pod } from './testing-nodes';

describe('markPodsNotReady', () => {
  it.each<{ name: string; ready: 'True' | 'False' | 'Unknown' | undefined; pods: Pod[]; marked: string[] }>([
    { name: 'a Ready node: nothing', ready: 'True', pods: [pod('a', 'n1')], marked: [] },
    {
      name: 'an Unknown node: its ready pods',
      ready: 'Unknown',
      pods: [pod('a', 'n1'), pod('b', 'n1', 'False')],
      marked: ['a'],
    },
    { name: 'a NotReady node too', ready: 'False', pods: [pod('a', 'n1')], marked: ['a'] },
    { name: 'a node without Ready: nothing', ready: undefined, pods: [pod('a', 'n1')], marked: [] },
  ])('$name', async ({ ready, pods, marked }) => {
    const written: Pod[] = [];
    const events: string[] = [];
    await markPodsNotReady({
      podsOn: () => pods,
      writePodStatus: async (_ns, name, mutate) => {
        const current = structuredClone(pods.find((p) => p.metadata.name === name)!);
        mutate(current);
        written.push(current);
      },
      recorder: {
        event: (obj, type, reason, message) => events.push(`${obj.metadata.name} ${type} ${reason} ${message}`),
      },
      now: () => new Date('2026-01-01T01:00:00Z'),
    })(node('n1', ready));
    expect(written.map((p) => p.metadata.name)).toEqual(marked);
    for (const p of written) {
      expect(p.status!.conditions![0]).toEqual({
        type: 'Ready',
        status: 'False',
        lastTransitionTime: '2026-01-01T01:00:00Z',
      });
    }
    expect(events).toEqual(marked.map((name) => `${name} Warning NodeNotReady Node is not ready`));
  });
});
