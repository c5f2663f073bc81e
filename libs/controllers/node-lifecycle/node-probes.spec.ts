import { NodeProbes } from './node-probes';
import { node } from './testing-nodes';

describe('NodeProbes', () => {
  it.each<{ name: string; lease?: number; heartbeats: [at: number, heartbeat: string][]; askAt: number; want: number }>(
    [
      { name: 'first seen: heard from now', heartbeats: [[0, 'h1']], askAt: 0, want: 0 },
      {
        name: 'heartbeat unchanged since',
        heartbeats: [
          [0, 'h1'],
          [30, 'h1'],
        ],
        askAt: 45,
        want: 45,
      },
      {
        name: 'heartbeat moved',
        heartbeats: [
          [0, 'h1'],
          [30, 'h2'],
        ],
        askAt: 45,
        want: 15,
      },
      { name: 'a lease renewed later than the heartbeat', lease: 5, heartbeats: [[0, 'h1']], askAt: 45, want: 5 },
      {
        name: 'a lease renewed long ago, heartbeat newer',
        lease: 100,
        heartbeats: [
          [0, 'h1'],
          [40, 'h2'],
        ],
        askAt: 45,
        want: 5,
      },
    ],
  )('$name', ({ lease, heartbeats, askAt, want }) => {
    let clock = 0;
    const probes = new NodeProbes({
      sinceRenewalMs: () => (lease === undefined ? undefined : lease * 1000),
      now: () => clock * 1000,
      exists: () => true,
    });
    for (const [at, heartbeat] of heartbeats) {
      clock = at;
      probes.sinceProbeMs(node('n1', 'True', { heartbeat }));
    }
    clock = askAt;
    const last = heartbeats[heartbeats.length - 1][1];
    expect(probes.sinceProbeMs(node('n1', 'True', { heartbeat: last }))).toBe(want * 1000);
  });
});
