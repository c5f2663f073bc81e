import type { Lease } from '@kubenest/api/coordination/lease/lease.strategy';
import { LeaseObservations } from './lease-observations';

const lease = (renewTime?: string, leaseDurationSeconds?: number): Lease => ({
  metadata: { namespace: 'kube-node-lease', name: 'w1' },
  spec: { holderIdentity: 'w1', ...(renewTime ? { renewTime } : {}), leaseDurationSeconds },
});

const WALL_NOW = Date.parse('2025-01-01T00:01:00Z');
const ago = (seconds: number) => new Date(WALL_NOW - seconds * 1000).toISOString();

/** What happens, in order: a lease written (with renewTime and duration) at our clock's second `at`. */
interface Write {
  at: number;
  renewTime?: string;
  duration?: number;
}

describe('LeaseObservations', () => {
  it.each<{ name: string; writes: Write[]; askAt: number; live: boolean }>([
    // The node's clock decides nothing: only when we saw its renewTime change.
    { name: 'renewed by a node whose clock is right', writes: [{ at: 0, renewTime: ago(0) }], askAt: 10, live: true },
    {
      name: 'a node whose clock is an hour slow, renewing',
      writes: [
        { at: 0, renewTime: ago(3600) },
        { at: 10, renewTime: ago(3590) },
        { at: 20, renewTime: ago(3580) },
      ],
      askAt: 50,
      live: true,
    },
    {
      name: 'a node whose clock is an hour fast, gone since',
      writes: [{ at: 0, renewTime: ago(-3600) }],
      askAt: 41,
      live: false,
    },
    {
      name: 'seen at start-up renewed long ago: a full grace period',
      writes: [{ at: 0, renewTime: ago(600) }],
      askAt: 40,
      live: true,
    },
    {
      name: 'seen at start-up renewed long ago, grace period over',
      writes: [{ at: 0, renewTime: ago(600) }],
      askAt: 40.001,
      live: false,
    },
    {
      name: 'the same renewTime written again (another field changed)',
      writes: [
        { at: 0, renewTime: ago(0) },
        { at: 30, renewTime: ago(0) },
      ],
      askAt: 41,
      live: false,
    },
    {
      name: 'a node whose clock was set back renews with an earlier time',
      writes: [
        { at: 0, renewTime: ago(0) },
        { at: 30, renewTime: ago(120) },
      ],
      askAt: 60,
      live: true,
    },
    { name: 'never renewed', writes: [{ at: 0 }], askAt: 1, live: false },
    {
      name: 'renewed, then its renewTime cleared',
      writes: [{ at: 0, renewTime: ago(0) }, { at: 5 }],
      askAt: 6,
      live: false,
    },
    // A holder renews within its own duration: one longer than the grace period extends it.
    { name: 'held for 60 s, 50 s after', writes: [{ at: 0, renewTime: ago(0), duration: 60 }], askAt: 50, live: true },
    { name: 'held for 60 s, 61 s after', writes: [{ at: 0, renewTime: ago(0), duration: 60 }], askAt: 61, live: false },
    {
      name: 'held for 5 s, 30 s after: the grace period still',
      writes: [{ at: 0, renewTime: ago(0), duration: 5 }],
      askAt: 30,
      live: true,
    },
    { name: 'never seen', writes: [], askAt: 0, live: false },
  ])('$name → live $live', ({ writes, askAt, live }) => {
    let clock = 0;
    const observations = new LeaseObservations({ gracePeriodMs: 40_000, now: () => clock * 1000 });
    for (const w of writes) {
      clock = w.at;
      observations.observe(lease(w.renewTime, w.duration));
    }
    clock = askAt;
    expect(observations.renewal('w1') !== undefined).toBe(live);
  });

  it('says how long ago the renewal was seen and how long the node stays live without another', () => {
    let clock = 100_000;
    const observations = new LeaseObservations({ gracePeriodMs: 40_000, now: () => clock });
    observations.observe(lease(ago(3600)));
    clock += 15_000;
    expect(observations.renewal('w1')).toEqual({ sinceMs: 15_000, remainingMs: 25_000 });
  });

  it('says how long ago the renewal was seen past the grace period and whatever the lease duration', () => {
    let clock = 0;
    const observations = new LeaseObservations({ gracePeriodMs: 10_000, now: () => clock });
    observations.observe(lease(ago(0), 40));
    clock = 25_000;
    expect(observations.sinceRenewalMs('w1')).toBe(25_000);
    expect(observations.renewal('w1')).toBeDefined();
    expect(observations.sinceRenewalMs('w2')).toBeUndefined();
  });

  it('forgets a deleted lease', () => {
    const observations = new LeaseObservations({ gracePeriodMs: 40_000, now: () => 0 });
    observations.observe(lease(ago(0)));
    observations.forget('w1');
    expect(observations.renewal('w1')).toBeUndefined();
  });
});
