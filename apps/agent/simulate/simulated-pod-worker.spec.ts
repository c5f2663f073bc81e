import { StatusError } from '@kubenest/apimachinery';
import type { PodApi } from './pod-api';
import { Pod, PodStatus } from './simulated-pod-status';
import { SimulatedPodWorker } from './simulated-pod-worker';

interface Call {
  node: string;
  what: 'status' | 'delete';
  pod: string;
  podIP?: string;
}

const pod = (name: string, nodeName: string | undefined, extra: Partial<Pod['metadata']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, ...extra },
  spec: { nodeName, containers: [{ name: 'app', image: 'x' }] },
  status: { phase: 'Pending' },
});

const flush = () => new Promise((r) => setImmediate(r));

function fleet(fail: (call: Call) => Error | undefined = () => undefined) {
  const calls: Call[] = [];
  const api = (node: string): PodApi => ({
    patchPodStatus: async (p: Pod, s: PodStatus) => {
      const call: Call = { node, what: 'status', pod: p.metadata.name!, podIP: s.podIP };
      calls.push(call);
      const e = fail(call);
      if (e) throw e;
    },
    confirmDeletion: async (p: Pod) => {
      const call: Call = { node, what: 'delete', pod: p.metadata.name! };
      calls.push(call);
      const e = fail(call);
      if (e) throw e;
    },
  });
  const nodes = new Map([
    ['sim-0', { hostIP: '198.18.0.1', pods: api('sim-0') }],
    ['sim-1', { hostIP: '198.18.0.2', pods: api('sim-1') }],
  ]);
  const worker = new SimulatedPodWorker(nodes, { concurrency: 4, retry: { baseMs: 1, maxMs: 5 } });
  return { worker, calls };
}

describe('SimulatedPodWorker', () => {
  it('runs each fleet pod as its own node and ignores the others', async () => {
    const { worker, calls } = fleet();
    worker.onPod(pod('a', 'sim-0'), false);
    worker.onPod(pod('b', 'sim-1'), false);
    worker.onPod(pod('c', 'real-node'), false);
    worker.onPod(pod('d', undefined), false);
    await flush();
    expect(calls.map((c) => [c.node, c.what, c.pod])).toEqual([
      ['sim-0', 'status', 'a'],
      ['sim-1', 'status', 'b'],
    ]);
    expect(new Set(calls.map((c) => c.podIP)).size).toBe(2);
  });

  it('confirms a deletion with its own node', async () => {
    const { worker, calls } = fleet();
    worker.onPod(pod('a', 'sim-1', { deletionTimestamp: '2025-01-01T00:00:00Z' as never }), false);
    await flush();
    expect(calls).toEqual([{ node: 'sim-1', what: 'delete', pod: 'a' }]);
  });

  it('acts once on the newest version of a pod seen several times before it is worked on', async () => {
    const { worker, calls } = fleet();
    worker.onPod(pod('a', 'sim-0'), false);
    worker.onPod(pod('a', 'sim-0', { deletionTimestamp: '2025-01-01T00:00:00Z' as never }), false);
    await flush();
    // The first version started at once; the second waited and then ran alone.
    expect(calls.map((c) => c.what)).toEqual(['status', 'delete']);
  });

  it('drops a pod deleted before it was worked on', async () => {
    const { worker, calls } = fleet();
    for (let i = 0; i < 4; i++) worker.onPod(pod(`busy-${i}`, 'sim-0'), false);
    worker.onPod(pod('a', 'sim-0'), false);
    worker.onPod(pod('a', 'sim-0'), true);
    await flush();
    expect(calls.map((c) => c.pod)).not.toContain('a');
  });

  it('retries a failed write with the same address, and gives up on an answer that will not change', async () => {
    let failures = 0;
    const { worker, calls } = fleet((c) => {
      if (c.pod === 'a' && failures++ < 2) return new Error('connection reset');
      if (c.pod === 'gone') return new StatusError(404, 'NotFound', 'pods "gone" not found');
      return undefined;
    });
    worker.onPod(pod('a', 'sim-0'), false);
    worker.onPod(pod('gone', 'sim-0'), false);
    await new Promise((r) => setTimeout(r, 50));
    await worker.stop();
    const a = calls.filter((c) => c.pod === 'a');
    expect(a).toHaveLength(3);
    expect(new Set(a.map((c) => c.podIP)).size).toBe(1);
    expect(calls.filter((c) => c.pod === 'gone')).toHaveLength(1);
  });

  it('keeps at most `concurrency` writes in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: PodApi = {
      patchPodStatus: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
      },
      confirmDeletion: async () => undefined,
    };
    const worker = new SimulatedPodWorker(new Map([['sim-0', { hostIP: '198.18.0.1', pods: slow }]]), {
      concurrency: 3,
      retry: { baseMs: 1, maxMs: 1 },
    });
    for (let i = 0; i < 10; i++) worker.onPod(pod(`p${i}`, 'sim-0'), false);
    await new Promise((r) => setTimeout(r, 60));
    await worker.stop();
    expect(most).toBe(3);
  });
});
