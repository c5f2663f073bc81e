import type { Pod } from '@kubenest/api/core/types';
import { ClusterEventWithHint, newPodInfo, pending, success } from '../framework';
import { makeNode, makePod } from '../testing';
import { eventMatches } from './event-match';
import { SchedulingQueue } from './scheduling-queue';

const nodeAdd = { resource: 'Node', action: 'Add' } as const;
const nodeTaint = { resource: 'Node', action: 'UpdateNodeTaint' } as const;
const podDelete = { resource: 'AssignedPod', action: 'Delete' } as const;

const setup = (events: Record<string, ClusterEventWithHint[] | undefined> = {}) => {
  const clock = { now: 0 };
  const queue = new SchedulingQueue({
    now: () => clock.now,
    preEnqueue: (pod: Pod) => (pod.spec?.schedulingGates?.length ? pending('gated') : success()),
    pluginEvents: () => new Map(Object.entries(events)),
  });
  /** Pops a pod and fails it, rejected by these plugins. */
  const fail = async (...plugins: string[]) => {
    const info = (await queue.pop())!;
    info.unschedulablePlugins = new Set(plugins);
    queue.addUnschedulableIfNotPresent(info);
    return info;
  };
  return { clock, queue, fail };
};

describe('SchedulingQueue', () => {
  it('pops by priority, then by the time pods entered', async () => {
    const { clock, queue } = setup();
    queue.add(makePod('low', { priority: 1 }));
    clock.now = 1;
    queue.add(makePod('high-late', { priority: 10 }));
    clock.now = 2;
    queue.add(makePod('low-late', { priority: 1 }));
    queue.add(makePod('high-early', { priority: 10 }));
    const order = [];
    for (let i = 0; i < 4; i++) order.push((await queue.pop())!.pod.metadata.name);
    expect(order).toEqual(['high-late', 'high-early', 'low', 'low-late']);
  });

  it('pop waits for a pod and is released by close', async () => {
    const { queue } = setup();
    const waiting = queue.pop();
    queue.add(makePod('p'));
    expect((await waiting)!.pod.metadata.name).toBe('p');
    const closed = queue.pop();
    queue.close();
    await expect(closed).resolves.toBeUndefined();
    await expect(queue.pop()).resolves.toBeUndefined();
  });

  it.each([
    { attempts: 1, want: 1000 },
    { attempts: 2, want: 2000 },
    { attempts: 3, want: 4000 },
    { attempts: 4, want: 8000 },
    { attempts: 5, want: 10_000 },
    { attempts: 30, want: 10_000 },
  ])('backoff after $attempts attempts is $want ms', ({ attempts, want }) => {
    const { queue } = setup();
    expect(queue.backoffDuration({ ...makeQueued(), attempts })).toBe(want);
  });

  it('a pod that failed with an error backs off, then is active again', async () => {
    const { clock, queue, fail } = setup();
    queue.add(makePod('p'));
    await fail();
    expect(queue.pendingPods().backoff).toEqual(['default/p']);
    clock.now = 999;
    queue.flushBackoffQCompleted();
    expect(queue.pendingPods().backoff).toEqual(['default/p']);
    clock.now = 1000;
    queue.flushBackoffQCompleted();
    expect(queue.pendingPods().active).toEqual(['default/p']);
  });

  it.each([
    { name: 'registered event moves it', events: { Fit: [{ event: nodeAdd }] }, event: nodeAdd, moved: true },
    { name: 'other event leaves it', events: { Fit: [{ event: nodeAdd }] }, event: podDelete, moved: false },
    {
      name: 'Update registration covers a taint update',
      events: { Fit: [{ event: { resource: 'Node', action: 'Update' } }] },
      event: nodeTaint,
      moved: true,
    },
    {
      name: 'hint Skip leaves it',
      events: { Fit: [{ event: nodeAdd, hint: () => 'Skip' }] },
      event: nodeAdd,
      moved: false,
    },
    {
      name: 'hint Queue moves it',
      events: { Fit: [{ event: nodeAdd, hint: () => 'Queue' }] },
      event: nodeAdd,
      moved: true,
    },
    {
      name: 'a failing hint counts as Queue',
      events: {
        Fit: [
          {
            event: nodeAdd,
            hint: () => {
              throw new Error('x');
            },
          },
        ],
      },
      event: nodeAdd,
      moved: true,
    },
    { name: 'plugin that registered nothing: any event', events: {}, event: podDelete, moved: true },
  ] as { name: string; events: Record<string, ClusterEventWithHint[]>; event: typeof nodeAdd; moved: boolean }[])(
    'unschedulable pod, rejected by Fit: $name',
    async ({ events, event, moved }) => {
      const { clock, queue, fail } = setup(events);
      queue.add(makePod('p'));
      await fail('Fit');
      expect(queue.pendingPods().unschedulable).toEqual(['default/p']);
      clock.now = 5000;
      queue.moveOnEvent(event, undefined, makeNode('n'));
      expect(queue.pendingPods().active).toEqual(moved ? ['default/p'] : []);
    },
  );

  it('a pod moved while still backing off goes to the backoff queue', async () => {
    const { queue, fail } = setup({ Fit: [{ event: nodeAdd }] });
    queue.add(makePod('p'));
    await fail('Fit');
    queue.moveOnEvent(nodeAdd);
    expect(queue.pendingPods()).toEqual({ active: [], backoff: ['default/p'], unschedulable: [] });
  });

  it("an event that came during the pod's cycle sends it to backoff instead of the pool", async () => {
    const { queue } = setup({ Fit: [{ event: nodeAdd }] });
    queue.add(makePod('p'));
    const info = (await queue.pop())!;
    queue.moveOnEvent(nodeAdd);
    info.unschedulablePlugins = new Set(['Fit']);
    queue.addUnschedulableIfNotPresent(info);
    expect(queue.pendingPods().backoff).toEqual(['default/p']);
  });

  it('an unrelated event during the cycle still parks it', async () => {
    const { queue } = setup({ Fit: [{ event: nodeAdd }] });
    queue.add(makePod('p'));
    const info = (await queue.pop())!;
    queue.moveOnEvent(podDelete);
    info.unschedulablePlugins = new Set(['Fit']);
    queue.addUnschedulableIfNotPresent(info);
    expect(queue.pendingPods().unschedulable).toEqual(['default/p']);
  });

  it('flushes pods parked for 5 minutes', async () => {
    const { clock, queue, fail } = setup({ Fit: [{ event: nodeAdd }] });
    queue.add(makePod('p'));
    await fail('Fit');
    clock.now = 5 * 60_000 - 1;
    queue.flushUnschedulablePodsLeftover();
    expect(queue.pendingPods().unschedulable).toEqual(['default/p']);
    clock.now = 5 * 60_000;
    queue.flushUnschedulablePodsLeftover();
    expect(queue.pendingPods().active).toEqual(['default/p']);
  });

  it('keeps a gated pod out of the active queue until its gates are gone', () => {
    const { queue } = setup();
    const gated = makePod('p', { schedulingGates: ['example.com/wait'] });
    queue.add(gated);
    queue.moveOnEvent(nodeAdd);
    queue.flushUnschedulablePodsLeftover();
    expect(queue.pendingPods()).toEqual({ active: [], backoff: [], unschedulable: ['default/p'] });
    queue.update(gated, makePod('p', { labels: { a: 'b' }, schedulingGates: ['example.com/wait'] }));
    expect(queue.pendingPods().unschedulable).toEqual(['default/p']);
    queue.update(gated, makePod('p'));
    expect(queue.pendingPods().active).toEqual(['default/p']);
  });

  it('a parked pod whose spec changed is tried again; a status-only update leaves it', async () => {
    const { clock, queue, fail } = setup({ Fit: [{ event: nodeAdd }] });
    const pod = makePod('p');
    queue.add(pod);
    await fail('Fit');
    clock.now = 10_000;
    queue.update(pod, { ...pod, status: { phase: 'Pending', conditions: [] } });
    expect(queue.pendingPods().unschedulable).toEqual(['default/p']);
    queue.update(pod, makePod('p', { requests: { cpu: '1' } }));
    expect(queue.pendingPods().active).toEqual(['default/p']);
  });

  it('delete removes a pod wherever it is', async () => {
    const { queue, fail } = setup();
    queue.add(makePod('a'));
    queue.add(makePod('b'));
    await fail('Fit');
    queue.delete(makePod('a'));
    queue.delete(makePod('b'));
    expect(queue.pendingPods()).toEqual({ active: [], backoff: [], unschedulable: [] });
  });

  it('tracks nominated pods by node', () => {
    const { queue } = setup();
    const pod = makePod('p', { nominatedNodeName: 'n1' });
    queue.add(pod);
    expect(queue.nominator.nominatedPodsForNode('n1').map((p) => p.pod.metadata.name)).toEqual(['p']);
    queue.nominator.add(newPodInfo(pod), 'n2');
    expect(queue.nominator.nominatedPodsForNode('n1')).toEqual([]);
    expect(queue.nominator.nominatedPodsForNode('n2')).toHaveLength(1);
    // An update without nominatedNodeName keeps the nomination made here while the write is in flight.
    const plain = makePod('p');
    queue.nominator.update(plain, newPodInfo(plain));
    expect(queue.nominator.nominatedNodeOf(plain)).toBe('n2');
    queue.delete(pod);
    expect(queue.nominator.nominatedPodsForNode('n2')).toEqual([]);
  });

  it.each([
    { registered: nodeAdd, event: nodeAdd, want: true },
    { registered: { resource: 'Node', action: 'Update' }, event: nodeTaint, want: true },
    { registered: nodeTaint, event: { resource: 'Node', action: 'UpdateNodeLabel' }, want: false },
    { registered: { resource: 'Pod', action: 'Delete' }, event: podDelete, want: true },
    {
      registered: { resource: 'AssignedPod', action: 'Delete' },
      event: { resource: 'Pod', action: 'Delete' },
      want: false,
    },
    { registered: { resource: 'Pod', action: 'Delete' }, event: { resource: 'Pod', action: 'Add' }, want: false },
  ] as const)('eventMatches($registered, $event) is $want', ({ registered, event, want }) => {
    expect(eventMatches(registered, event)).toBe(want);
  });
});

const makeQueued = () => ({
  pod: makePod('x'),
  timestamp: 0,
  attempts: 0,
  unschedulablePlugins: new Set<string>(),
  gated: false,
});
