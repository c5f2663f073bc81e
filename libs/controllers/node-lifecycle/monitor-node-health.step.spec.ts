import type { Node } from '@kubenest/api/core/types';
import type { EventRecorder } from '../events';
import { monitorNodeHealth } from './monitor-node-health.step';
import { node } from './testing-nodes';

const NOW = new Date('2026-01-01T01:00:00Z');

const run = async (n: Node, sinceS: number) => {
  const written: Node[] = [];
  const events: string[] = [];
  const recorder: EventRecorder = { event: (_o, type, reason, message) => events.push(`${type} ${reason} ${message}`) };
  const result = await monitorNodeHealth({
    sinceProbeMs: () => sinceS * 1000,
    gracePeriodMs: 40_000,
    startupGracePeriodMs: 60_000,
    monitorPeriodMs: 5_000,
    writeStatus: async (_name, mutate) => {
      const current = structuredClone(n);
      mutate(current);
      written.push(current);
    },
    recorder,
    now: () => NOW,
  })(n);
  return { result, written, events };
};

describe('monitorNodeHealth', () => {
  it.each<{
    name: string;
    ready?: 'True' | 'False' | 'Unknown';
    sinceS: number;
    writes: boolean;
    requeueAfterMs?: number;
    events: string[];
  }>([
    {
      name: 'heard from within the grace period',
      ready: 'True',
      sinceS: 10,
      writes: false,
      requeueAfterMs: 30_001,
      events: [],
    },
    {
      name: 'exactly at the grace period: still healthy',
      ready: 'True',
      sinceS: 40,
      writes: false,
      requeueAfterMs: 1,
      events: [],
    },
    {
      name: 'past the grace period: Unknown, NodeNotReady',
      ready: 'True',
      sinceS: 41,
      writes: true,
      events: ['Normal NodeNotReady Node n1 status is now: NodeNotReady'],
    },
    {
      name: 'reporting NotReady, then silent: Unknown, no event',
      ready: 'False',
      sinceS: 41,
      writes: true,
      events: [],
    },
    {
      name: 'already Unknown: looked at again later',
      ready: 'Unknown',
      sinceS: 100,
      writes: false,
      requeueAfterMs: 5_000,
      events: [],
    },
    { name: 'never posted Ready: the startup grace', sinceS: 50, writes: false, requeueAfterMs: 10_001, events: [] },
    { name: 'never posted Ready, past the startup grace', sinceS: 61, writes: true, events: [] },
  ])('$name', async ({ ready, sinceS, writes, requeueAfterMs, events }) => {
    const n = node('n1', ready);
    if (ready === 'Unknown')
      n.status!.conditions!.push(
        ...['MemoryPressure', 'DiskPressure', 'PIDPressure'].map((type) => ({ type, status: 'Unknown' })),
      );
    const got = await run(n, sinceS);
    expect(got.written.length > 0).toBe(writes);
    if (writes) {
      expect(got.result).toEqual({ stop: true });
      expect(got.written[0].status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({
        status: 'Unknown',
        lastTransitionTime: '2026-01-01T01:00:00Z',
      });
    } else expect(got.result).toEqual({ requeueAfterMs });
    expect(got.events).toEqual(events);
  });
});
