import type { Node, Pod } from '@kubenest/api/core/types';
import type { Taint, Toleration } from '@kubenest/api/core/tolerations';
import { evictTaintedPod } from './evict-tainted-pod.step';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const taint = (key: string, at: number): Taint => ({ key, effect: 'NoExecute', timeAdded: new Date(at).toISOString() });
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const pod = (tolerations: Toleration[] = [], over: Partial<Pod['metadata']> = {}): Pod => ({
  metadata: { namespace: 'ns', name: 'p', uid: 'u', ...over },
  spec: { nodeName: 'n1', containers: [], tolerations },
});
const tolerate = (key: string, tolerationSeconds?: number): Toleration => ({
  key,
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds,
});

describe('evictTaintedPod', () => {
  let clock: number;
  let taints: Taint[];
  let evicted: string[];
  let cancelled: string[];
  let step: ReturnType<typeof evictTaintedPod>;
  beforeEach(() => {
    clock = T0;
    taints = [];
    evicted = [];
    cancelled = [];
    step = evictTaintedPod({
      nodeOf: (name): Node | undefined => (name === 'n1' ? { metadata: { name }, spec: { taints } } : undefined),
      evict: async (p) => void evicted.push(p.metadata.name!),
      cancelled: (p) => cancelled.push(p.metadata.name!),
      now: () => clock,
      exists: () => true,
    });
  });

  it('evicts an untolerating pod at once', async () => {
    taints = [taint(UNREACHABLE, T0)];
    expect(await step(pod())).toBeUndefined();
    expect(evicted).toEqual(['p']);
  });

  it('waits out tolerationSeconds from the taint’s timeAdded, then evicts', async () => {
    taints = [taint(UNREACHABLE, T0 - 2_000)];
    const p = pod([tolerate(UNREACHABLE, 5)]);
    expect(await step(p)).toEqual({ requeueAfterMs: 3_000 });
    clock = T0 + 3_000;
    await step(p);
    expect(evicted).toEqual(['p']);
  });

  it('cancels with an event when the taint goes before the time', async () => {
    taints = [taint(UNREACHABLE, T0)];
    const p = pod([tolerate(UNREACHABLE, 300)]);
    await step(p);
    taints = [];
    clock = T0 + 1_000;
    await step(p);
    expect(cancelled).toEqual(['p']);
    expect(evicted).toEqual([]);
    // Nothing was scheduled this time: no second cancellation.
    await step(p);
    expect(cancelled).toEqual(['p']);
  });

  it('keeps the earlier time when unreachable is swapped for not-ready', async () => {
    taints = [taint(UNREACHABLE, T0)];
    const p = pod([tolerate(UNREACHABLE, 60), tolerate(NOT_READY, 60)]);
    expect(await step(p)).toEqual({ requeueAfterMs: 60_000 });
    clock = T0 + 30_000;
    taints = [taint(NOT_READY, clock)];
    expect(await step(p)).toEqual({ requeueAfterMs: 30_000 });
  });

  it('leaves a terminating pod, a pod tolerating for ever and a pod of a node gone alone', async () => {
    taints = [taint(UNREACHABLE, T0)];
    await step(pod([], { deletionTimestamp: '2026-01-01T00:00:00Z' }));
    await step(pod([tolerate(UNREACHABLE)]));
    await step({ ...pod(), spec: { nodeName: 'gone', containers: [] } });
    expect(evicted).toEqual([]);
    expect(cancelled).toEqual([]);
  });
});
