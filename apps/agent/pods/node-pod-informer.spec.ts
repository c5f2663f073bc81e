import type { ChildProcess } from 'node:child_process';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import type { AdoptedContainer, ContainerRuntime } from '../runtime/container-runtime';
import { FakeContainer, fakeContainer } from '../runtime/testing/fake-container';
import { startNodePodInformer } from './node-pod-informer';
import { PodManager } from './pod-manager';
import type { Pod } from './pod-types';

const pod = (name: string, nodeName = 'n1'): Pod => ({
  metadata: { name, namespace: 'ns' },
  spec: {
    nodeName,
    terminationGracePeriodSeconds: 30,
    containers: [{ name: 'c', image: 'busybox', command: ['run'] }],
  },
});

/** Node n1 with a fake runtime: which pod each container was started for, and what ran before. */
function node(leftRunningFor: string[] = []) {
  const client = new FakeResourceClient();
  const started: { podUid: string; container: FakeContainer }[] = [];
  const adopted: AdoptedContainer[] = leftRunningFor.map((uid) => ({
    podUid: uid,
    name: 'c',
    restartCount: 0,
    container: fakeContainer(`left-${uid}`),
  }));
  const runtime: ContainerRuntime = {
    name: 'fake',
    start: async (p) => {
      const container = fakeContainer(`c-${started.length + 1}`);
      started.push({ podUid: p.podUid, container });
      return container;
    },
    logPath: () => '/dev/null',
    exec: () => ({}) as ChildProcess,
    adoptRunning: async () => adopted,
    removePod: async () => undefined,
  };
  const manager = new PodManager({
    runtime,
    sources: { configMap: async () => undefined, secret: async () => undefined, services: async () => [] },
    node: { name: 'n1', hostIP: '127.0.0.1', allocatable: { cpu: '1', memory: '1Gi' } },
    podsDir: '/nonexistent',
    patchPodStatus: async () => undefined,
    confirmDeletion: async () => undefined,
  });
  const pods = client.resource<Pod>(resources.pods);
  const uidOf = async (name: string) => (await pods.get('ns', name)).metadata.uid!;
  /** Whether the containers started for the pod with this uid are all stopped, for each uid asked. */
  const stoppedFor = (...uids: string[]) =>
    uids.map((uid) => started.filter((s) => s.podUid === uid).every((s) => s.container.stops.length > 0));
  return { client, manager, pods, started, adopted, uidOf, stoppedFor };
}

describe('the node pod informer', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2024, 0, 1) }));
  afterEach(() => jest.useRealTimers());

  it('starts the pods bound to the node, and stops one once it is deleted', async () => {
    const n = node();
    n.client.seed(resources.pods, pod('a'), pod('elsewhere', 'n2'));
    const informer = startNodePodInformer(n.client, 'n1', n.manager);
    await jest.advanceTimersByTimeAsync(10);
    const a = await n.uidOf('a');
    expect(n.started.map((s) => s.podUid)).toEqual([a]);
    await n.pods.delete('ns', 'a');
    await jest.advanceTimersByTimeAsync(10);
    expect(n.stoppedFor(a)).toEqual([true]);
    informer.stop();
    await n.manager.stop();
  });

  it('lists again after a 410 and stops a pod deleted while the watch was down', async () => {
    const n = node();
    n.client.seed(resources.pods, pod('a'), pod('b'));
    const informer = startNodePodInformer(n.client, 'n1', n.manager);
    await jest.advanceTimersByTimeAsync(10);
    const [a, b] = [await n.uidOf('a'), await n.uidOf('b')];
    expect(n.started).toHaveLength(2);
    n.client.endWatches('expired');
    void n.pods.delete('ns', 'b');
    await jest.advanceTimersByTimeAsync(10);
    expect(n.client.actions.filter((x) => x.verb === 'list')).toHaveLength(2);
    expect(n.stoppedFor(a, b)).toEqual([false, true]);
    informer.stop();
    await n.manager.stop();
  });

  it('stops the old pod when one of its name was made again while the watch was down', async () => {
    const n = node();
    n.client.seed(resources.pods, pod('a'));
    const informer = startNodePodInformer(n.client, 'n1', n.manager);
    await jest.advanceTimersByTimeAsync(10);
    const first = await n.uidOf('a');
    n.client.endWatches('expired');
    void n.pods.delete('ns', 'a').then(() => n.pods.create(pod('a')));
    await jest.advanceTimersByTimeAsync(10);
    const second = await n.uidOf('a');
    expect(second).not.toBe(first);
    expect(n.started.map((s) => s.podUid)).toEqual([first, second]);
    expect(n.stoppedFor(first, second)).toEqual([true, false]);
    informer.stop();
    await n.manager.stop();
  });

  it('once the first list is in, stops what an earlier run left running for pods no longer bound here', async () => {
    const n = node(['gone']);
    await n.manager.adoptRunning();
    const informer = startNodePodInformer(n.client, 'n1', n.manager);
    expect(n.adopted[0].container).toMatchObject({ stops: [] });
    await jest.advanceTimersByTimeAsync(10);
    expect(n.adopted[0].container).toMatchObject({ stops: [2] });
    informer.stop();
    await n.manager.stop();
  });
});
