import { makeNode, makePod } from '../testing';
import { NodeSnapshot } from './node-snapshot';
import { SchedulerCache } from './scheduler-cache';

const cpuOn = (snapshot: NodeSnapshot, node: string): number | undefined => snapshot.get(node)?.requested.milliCPU;
const names = (snapshot: NodeSnapshot): string[] => snapshot.nodeInfos.map((n) => n.name!);

describe('SchedulerCache', () => {
  let now = 0;
  let cache: SchedulerCache;
  let snapshot: NodeSnapshot;
  beforeEach(() => {
    now = 0;
    cache = new SchedulerCache({ now: () => now, assumedPodTtlMs: 1000 });
    snapshot = new NodeSnapshot();
  });

  it('counts a pod seen before its node once the node arrives', () => {
    cache.addPod(makePod('p', { nodeName: 'n1', requests: { cpu: '500m' } }));
    cache.updateSnapshot(snapshot);
    expect(snapshot.nodeInfos).toHaveLength(0);
    cache.addNode(makeNode('n1'));
    cache.updateSnapshot(snapshot);
    expect(cpuOn(snapshot, 'n1')).toBe(500);
  });

  it.each([
    { name: 'confirmed on the same node', confirmOn: 'n1', want: { n1: 300, n2: 0 } },
    { name: 'confirmed on another node moves it', confirmOn: 'n2', want: { n1: 0, n2: 300 } },
  ])('assume then $name', ({ confirmOn, want }) => {
    cache.addNode(makeNode('n1'));
    cache.addNode(makeNode('n2'));
    const pod = makePod('p', { requests: { cpu: '300m' } });
    const assumed = cache.assumePod(pod, 'n1');
    expect(assumed.spec!.nodeName).toBe('n1');
    expect(pod.spec!.nodeName).toBeUndefined();
    expect(cache.isAssumedPod(pod)).toBe(true);
    cache.addPod(makePod('p', { nodeName: confirmOn, requests: { cpu: '300m' } }));
    expect(cache.isAssumedPod(pod)).toBe(false);
    cache.updateSnapshot(snapshot);
    expect({ n1: cpuOn(snapshot, 'n1'), n2: cpuOn(snapshot, 'n2') }).toEqual(want);
  });

  it('forgets an assumed pod whose binding failed; a pod not assumed cannot be forgotten', () => {
    cache.addNode(makeNode('n1'));
    const pod = makePod('p', { requests: { cpu: '1' } });
    cache.assumePod(pod, 'n1');
    expect(() => cache.assumePod(pod, 'n1')).toThrow('is in the cache');
    cache.forgetPod(pod);
    cache.updateSnapshot(snapshot);
    expect(cpuOn(snapshot, 'n1')).toBe(0);
    expect(cache.podCount).toBe(0);
    expect(() => cache.forgetPod(pod)).toThrow("wasn't assumed");
  });

  it.each([
    { name: 'binding not finished: kept however long', finish: false, after: 5000, left: 1 },
    { name: 'binding finished, before the TTL: kept', finish: true, after: 999, left: 1 },
    { name: 'binding finished, TTL passed: dropped', finish: true, after: 1000, left: 0 },
  ])('expiry of an assumed pod: $name', ({ finish, after, left }) => {
    cache.addNode(makeNode('n1'));
    const pod = makePod('p');
    cache.assumePod(pod, 'n1');
    if (finish) cache.finishBinding(pod);
    now += after;
    cache.cleanupExpiredAssumedPods();
    expect(cache.podCount).toBe(left);
  });

  it('with a TTL of 0 (kube 1.33), an assumed pod never expires', () => {
    const forever = new SchedulerCache({ now: () => now, assumedPodTtlMs: 0 });
    forever.addNode(makeNode('n1'));
    const pod = makePod('p');
    forever.assumePod(pod, 'n1');
    forever.finishBinding(pod);
    now += 1e9;
    expect(forever.cleanupExpiredAssumedPods()).toEqual([]);
  });

  it('a confirmed pod never expires', () => {
    cache.addNode(makeNode('n1'));
    const pod = makePod('p');
    cache.assumePod(pod, 'n1');
    cache.finishBinding(pod);
    cache.addPod(makePod('p', { nodeName: 'n1' }));
    now += 10_000;
    expect(cache.cleanupExpiredAssumedPods()).toEqual([]);
    expect(cache.podCount).toBe(1);
  });

  it('updates and removes assigned pods', () => {
    cache.addNode(makeNode('n1'));
    const old = makePod('p', { nodeName: 'n1', requests: { cpu: '1' } });
    cache.addPod(old);
    cache.updatePod(old, makePod('p', { nodeName: 'n1', requests: { cpu: '2' } }));
    cache.updateSnapshot(snapshot);
    expect(cpuOn(snapshot, 'n1')).toBe(2000);
    cache.removePod(old);
    cache.updateSnapshot(snapshot);
    expect(cpuOn(snapshot, 'n1')).toBe(0);
  });

  it('copies only the nodes whose generation moved, in place, keeping the node order', () => {
    for (const n of ['a', 'b', 'c']) cache.addNode(makeNode(n));
    cache.updateSnapshot(snapshot);
    expect(names(snapshot)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = snapshot.nodeInfos;
    const cloneSpy = jest.spyOn(Object.getPrototypeOf(a), 'clone');
    cache.addPod(makePod('p', { nodeName: 'b', requests: { cpu: '1' } }));
    cache.updateSnapshot(snapshot);
    expect(cloneSpy).toHaveBeenCalledTimes(1);
    cloneSpy.mockRestore();
    expect(snapshot.nodeInfos[0]).toBe(a);
    expect(snapshot.nodeInfos[1]).toBe(b);
    expect(snapshot.nodeInfos[2]).toBe(c);
    expect(b.requested.milliCPU).toBe(1000);
    cache.updateSnapshot(snapshot);
    expect(names(snapshot)).toEqual(['a', 'b', 'c']);
  });

  it('drops removed nodes from the snapshot and keeps a removed node with pods out of it', () => {
    for (const n of ['a', 'b', 'c']) cache.addNode(makeNode(n));
    cache.addPod(makePod('p', { nodeName: 'b' }));
    cache.updateSnapshot(snapshot);
    cache.removeNode(makeNode('b'));
    cache.removeNode(makeNode('c'));
    cache.updateSnapshot(snapshot);
    expect(names(snapshot)).toEqual(['a']);
    expect(snapshot.get('b')).toBeUndefined();
    expect(cache.nodeCount).toBe(1);
    cache.addNode(makeNode('c'));
    cache.updateSnapshot(snapshot);
    expect(names(snapshot)).toEqual(['a', 'c']);
  });

  it('lists the nodes holding pods with affinity and required anti-affinity', () => {
    for (const n of ['a', 'b']) cache.addNode(makeNode(n));
    cache.updateSnapshot(snapshot);
    expect(snapshot.havePodsWithAffinity).toEqual([]);
    const term = { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'x' } } };
    const pod = makePod('p', {
      nodeName: 'b',
      spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } },
    });
    cache.addPod(pod);
    cache.updateSnapshot(snapshot);
    expect(snapshot.havePodsWithAffinity.map((n) => n.name)).toEqual(['b']);
    expect(snapshot.havePodsWithRequiredAntiAffinity.map((n) => n.name)).toEqual(['b']);
    cache.removePod(pod);
    cache.updateSnapshot(snapshot);
    expect(snapshot.havePodsWithAffinity).toEqual([]);
    expect(snapshot.havePodsWithRequiredAntiAffinity).toEqual([]);
  });

  it('keeps a snapshot of 5,000 nodes up to date cheaply after one change', () => {
    for (let i = 0; i < 5000; i++) cache.addNode(makeNode(`n${i}`));
    for (let i = 0; i < 10_000; i++)
      cache.addPod(makePod(`p${i}`, { nodeName: `n${i % 5000}`, requests: { cpu: '10m' } }));
    cache.updateSnapshot(snapshot);
    const start = performance.now();
    for (let i = 0; i < 1000; i++) {
      cache.assumePod(makePod(`new${i}`, { requests: { cpu: '10m' } }), `n${i}`);
      cache.updateSnapshot(snapshot);
    }
    const perCycleMs = (performance.now() - start) / 1000;
    expect(perCycleMs).toBeLessThan(2);
    expect(cpuOn(snapshot, 'n0')).toBe(30);
  });
});
