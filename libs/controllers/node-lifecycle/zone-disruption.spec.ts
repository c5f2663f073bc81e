import { node } from './testing-nodes';
import { TokenBucket } from './token-bucket';
import { DEFAULT_EVICTION_SETTINGS, zoneEvictionRate, zoneKey, ZoneState, zoneState } from './zone-disruption';
import { ZoneEvictionLimiter } from './zone-eviction-limiter';

const statuses = (ready: number, notReady: number) => [
  ...Array<string>(ready).fill('True'),
  ...Array<string>(notReady).fill('Unknown'),
];

describe('zoneState', () => {
  it.each<{ ready: number; notReady: number; want: ZoneState }>([
    { ready: 0, notReady: 1, want: 'FullDisruption' },
    { ready: 1, notReady: 1, want: 'Normal' },
    { ready: 0, notReady: 0, want: 'Normal' },
    // More than two not ready, and at least 55%.
    { ready: 1, notReady: 2, want: 'Normal' },
    { ready: 2, notReady: 3, want: 'PartialDisruption' },
    { ready: 3, notReady: 3, want: 'Normal' },
    { ready: 45, notReady: 55, want: 'PartialDisruption' },
  ])('$ready ready, $notReady not → $want', ({ ready, notReady, want }) => {
    expect(zoneState(statuses(ready, notReady), 0.55)).toBe(want);
  });
});

describe('zoneEvictionRate', () => {
  it.each<{ state: ZoneState; size: number; want: number }>([
    { state: 'Normal', size: 3, want: 0.1 },
    { state: 'FullDisruption', size: 3, want: 0.1 },
    { state: 'PartialDisruption', size: 50, want: 0 },
    { state: 'PartialDisruption', size: 51, want: 0.01 },
  ])('$state, $size nodes → $want', ({ state, size, want }) => {
    expect(zoneEvictionRate(state, size, DEFAULT_EVICTION_SETTINGS)).toBe(want);
  });
});

describe('zoneKey', () => {
  it.each<{ labels: Record<string, string>; want: string }>([
    { labels: {}, want: '' },
    { labels: { 'topology.kubernetes.io/zone': 'a' }, want: ':\x00:a' },
    {
      labels: { 'topology.kubernetes.io/region': 'r', 'failure-domain.beta.kubernetes.io/zone': 'b' },
      want: 'r:\x00:b',
    },
  ])('$labels', ({ labels, want }) => {
    expect(zoneKey(node('n', 'True', { labels }))).toBe(want);
  });
});

describe('TokenBucket', () => {
  it('gives the first token at once, then one every 1/qps seconds', () => {
    let clock = 0;
    const bucket = new TokenBucket(0.1, () => clock);
    expect(bucket.tryAccept()).toBe(0);
    expect(bucket.tryAccept()).toBe(10_000);
    clock = 4_000;
    expect(bucket.tryAccept()).toBe(6_000);
    clock = 10_000;
    expect(bucket.tryAccept()).toBe(0);
  });

  it('never gives one at rate 0', () => {
    const bucket = new TokenBucket(0, () => 0);
    expect(bucket.tryAccept()).toBe(Infinity);
  });
});

describe('ZoneEvictionLimiter', () => {
  const zone = (z: string) => ({ labels: { 'topology.kubernetes.io/zone': z } });

  it('paces each zone on its own', () => {
    let clock = 0;
    const limiter = new ZoneEvictionLimiter(DEFAULT_EVICTION_SETTINGS, () => clock);
    const nodes = [
      node('a1', 'Unknown', zone('a')),
      node('a2', 'Unknown', zone('a')),
      node('a3', 'True', zone('a')),
      node('b1', 'Unknown', zone('b')),
      node('b2', 'True', zone('b')),
    ];
    expect(limiter.tryAccept(nodes[0], nodes)).toBe(0);
    expect(limiter.tryAccept(nodes[1], nodes)).toBe(10_000);
    expect(limiter.tryAccept(nodes[3], nodes)).toBe(0);
    clock = 10_000;
    expect(limiter.tryAccept(nodes[1], nodes)).toBe(0);
  });

  it('taints nothing in a small zone mostly down, and sees every zone fully down', () => {
    const limiter = new ZoneEvictionLimiter(DEFAULT_EVICTION_SETTINGS, () => 0);
    const partly = [node('1', 'Unknown'), node('2', 'Unknown'), node('3', 'Unknown'), node('4', 'True')];
    expect(limiter.tryAccept(partly[0], partly)).toBe(Infinity);
    expect(limiter.allZonesDown(partly)).toBe(false);
    const down = [node('1', 'Unknown', zone('a')), node('2', 'False', zone('b'))];
    expect(limiter.allZonesDown(down)).toBe(true);
    expect(limiter.allZonesDown([...down, node('3', 'True', zone('c'))])).toBe(false);
  });
});
