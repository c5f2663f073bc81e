import type { ChildProcess } from 'node:child_process';
import type { AdoptedContainer, ContainerRuntime } from '../runtime/container-runtime';
import { FakeContainer, fakeContainer } from '../runtime/testing/fake-container';
import { PodManager } from './pod-manager';
import type { Pod, PodStatus } from './pod-types';

const startedAt = new Date('2024-01-01T00:00:00Z');

const pod = (uid: string, status?: PodStatus): Pod => ({
  metadata: { name: `pod-${uid}`, namespace: 'ns', uid },
  spec: { terminationGracePeriodSeconds: 30, containers: [{ name: 'c', image: 'busybox', command: ['run'] }] },
  status,
});

/** A node whose earlier agent run left one container running for each of these pods. */
function nodeWith(leftRunning: string[]) {
  const adopted: AdoptedContainer[] = leftRunning.map((uid) => ({
    podUid: uid,
    name: 'c',
    restartCount: 1,
    container: fakeContainer(`left-${uid}`, startedAt),
  }));
  const started: FakeContainer[] = [];
  const removed: string[] = [];
  const posted: PodStatus[] = [];
  const runtime: ContainerRuntime = {
    name: 'fake',
    start: async () => {
      const c = fakeContainer(`new-${started.length + 1}`);
      started.push(c);
      return c;
    },
    logPath: () => '/dev/null',
    exec: () => ({}) as ChildProcess,
    adoptRunning: async () => adopted,
    removePod: async (uid) => void removed.push(uid),
  };
  const manager = new PodManager({
    runtime,
    sources: { configMap: async () => undefined, secret: async () => undefined, services: async () => [] },
    node: { name: 'n', hostIP: '127.0.0.1', allocatable: { cpu: '1', memory: '1Gi' } },
    podsDir: '/nonexistent',
    patchPodStatus: async (_pod, status) => void posted.push(status),
    confirmDeletion: async () => undefined,
  });
  const left = (uid: string) => adopted.find((a) => a.podUid === uid)!.container as FakeContainer;
  return { manager, started, removed, posted, left };
}

/** The informer's first LIST: each pod added, then synced. */
const firstList = (manager: PodManager, pods: Pod[]) => {
  for (const p of pods) manager.add(p);
  manager.synced();
};

const reportedRunning: PodStatus = {
  containerStatuses: [
    {
      name: 'c',
      image: 'busybox',
      imageID: '',
      ready: true,
      restartCount: 1,
      containerID: 'fake://left-a',
      state: { running: { startedAt: startedAt.toISOString() } },
    },
  ],
};

describe('PodManager adopting what an earlier run left running', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2024, 0, 1, 0, 5) }));
  afterEach(() => jest.useRealTimers());

  it('hands a bound pod its running container: not started again, same instance and restart count', async () => {
    const node = nodeWith(['a']);
    await node.manager.adoptRunning();
    firstList(node.manager, [pod('a', reportedRunning)]);
    await jest.advanceTimersByTimeAsync(10);
    expect(node.started).toEqual([]);
    expect(node.manager.worker('a')?.container('c')).toBe(node.left('a'));
    expect(node.posted.at(-1)?.containerStatuses?.[0]).toMatchObject({
      containerID: 'fake://left-a',
      restartCount: 1,
      state: { running: { startedAt: '2024-01-01T00:00:00Z' } },
    });
  });

  it('stops the containers of pods no longer bound to the node, and removes their files', async () => {
    const node = nodeWith(['a', 'gone']);
    await node.manager.adoptRunning();
    firstList(node.manager, [pod('a', reportedRunning)]);
    await jest.advanceTimersByTimeAsync(10);
    expect(node.left('gone').stops).toEqual([2]);
    expect(node.removed).toEqual(['gone']);
    expect(node.left('a').stops).toEqual([]);
  });

  it('restarts an adopted container once it exits, its exit code unknown', async () => {
    const node = nodeWith(['a']);
    await node.manager.adoptRunning();
    firstList(node.manager, [pod('a', reportedRunning)]);
    await jest.advanceTimersByTimeAsync(10);
    node.left('a').finish({ exitCode: 137, reason: 'ContainerStatusUnknown', message: 'lost' });
    await jest.advanceTimersByTimeAsync(10);
    expect(node.started).toHaveLength(1);
    expect(node.posted.at(-1)?.containerStatuses?.[0]).toMatchObject({
      restartCount: 2,
      state: { running: {} },
      lastState: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', containerID: 'fake://left-a' } },
    });
  });

  it('leaves every container running when the agent stops, detached from its output', async () => {
    const node = nodeWith(['a', 'unlisted']);
    await node.manager.adoptRunning();
    node.manager.add(pod('a', reportedRunning));
    await jest.advanceTimersByTimeAsync(10);
    await node.manager.stop();
    for (const uid of ['a', 'unlisted']) expect(node.left(uid)).toMatchObject({ stops: [], detached: true });
  });

  it('stops every container within the shutdown grace when the node shuts down', async () => {
    const node = nodeWith(['a', 'unlisted']);
    await node.manager.adoptRunning();
    node.manager.add(pod('a', reportedRunning));
    node.manager.add(pod('b'));
    await jest.advanceTimersByTimeAsync(10);
    await node.manager.shutdown(5);
    expect(node.left('a').stops).toEqual([5]);
    expect(node.left('unlisted').stops).toEqual([2]);
    expect(node.started.map((c) => c.stops)).toEqual([[5]]);
  });
});
