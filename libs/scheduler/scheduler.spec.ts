import type { Node, Pod } from '@kubenest/api/core/types';
import type { KubeObject } from '@kubenest/apimachinery';
import { mergePatchType } from '@kubenest/apimachinery/patch';
import { resources, ResourceClient, ResourceRef } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { InformerFactory } from '@kubenest/controllers';
import { Logger } from '@nestjs/common';
import {
  BindPlugin,
  errorStatus,
  FilterPlugin,
  NodeInfo,
  PluginFactory,
  podRequests,
  success,
  unschedulable,
} from './framework';
import { corePlugins } from './plugins/core';
import { Scheduler } from './scheduler';
import { makeNode, makePod } from './testing';

const failedOnce = new Set<string>();

/** A resource-fit filter in small and a binder that sets spec.nodeName as the binding subresource would. */
const plugins: Record<string, PluginFactory> = {
  PrioritySort: corePlugins.PrioritySort,
  SchedulingGates: corePlugins.SchedulingGates,
  Fit: (): FilterPlugin => ({
    name: 'Fit',
    filter: (_state, pod: Pod, node: NodeInfo) =>
      node.requested.milliCPU + podRequests(pod).milliCPU > node.allocatable.milliCPU
        ? unschedulable('Insufficient cpu')
        : success(),
    eventsToRegister: () => [{ event: { resource: 'Node', action: 'Add' } }],
  }),
  DefaultBinder: (_args, handle): BindPlugin => ({
    name: 'DefaultBinder',
    bind: async (_state, pod, nodeName) => {
      if (pod.metadata.name === 'flaky' && !failedOnce.has(pod.metadata.uid!)) {
        failedOnce.add(pod.metadata.uid!);
        return errorStatus('etcdserver: request timed out');
      }
      await handle.client
        .resource(resources.pods)
        .patch(pod.metadata.namespace, pod.metadata.name!, mergePatchType, { spec: { nodeName } });
      return success();
    },
  }),
};

const configuration = {
  apiVersion: 'kubescheduler.config.k8s.io/v1',
  kind: 'KubeSchedulerConfiguration',
  profiles: [{ plugins: { multiPoint: { enabled: [{ name: 'Fit' }] } } }],
};

/** The client, with every pods/status patch held until `release` resolves. */
const holdingStatusWrites = (client: ResourceClient, release: Promise<void>): ResourceClient => ({
  resource: <T extends KubeObject>(ref: ResourceRef) => {
    const inner = client.resource<T>(ref);
    return new Proxy(inner, {
      get: (target, key) =>
        key === 'patch'
          ? async (...args: Parameters<typeof inner.patch>) => {
              if (args[4]?.subresource === 'status') await release;
              return target.patch(...args);
            }
          : Reflect.get(target, key),
    });
  },
});

const eventually = async (check: () => boolean | Promise<boolean>, what: string): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('Scheduler', () => {
  let client: FakeResourceClient;
  let informers: InformerFactory;
  let scheduler: Scheduler;
  let events: { name?: string; type: string; reason: string; message: string }[];

  const start = async (nodes: Node[], pods: Pod[], wrap = (c: ResourceClient) => c) => {
    client = new FakeResourceClient();
    client.seed(resources.nodes, ...nodes);
    client.seed(resources.pods, ...pods);
    informers = new InformerFactory(client, { logger: new Logger('test') });
    events = [];
    scheduler = new Scheduler({
      client: wrap(client),
      informers,
      configuration,
      plugins,
      random: () => 0,
      recorder: {
        event: (obj, type, reason, message) => events.push({ name: obj.metadata.name, type, reason, message }),
      },
    });
    await scheduler.start();
  };
  const pod = async (name: string): Promise<Pod> => client.resource<Pod>(resources.pods).get('default', name);
  const nodeOf = async (name: string) => (await pod(name)).spec?.nodeName;

  afterEach(async () => {
    await scheduler.stop();
    informers.stop();
  });

  it('binds what fits, counting pods assumed a moment ago, and reports what does not as kube does', async () => {
    const cpu = { allocatable: { cpu: '1', memory: '1Gi', pods: '10' } };
    await start(
      [makeNode('n1', cpu), makeNode('n2', cpu)],
      ['a', 'b', 'c'].map((n) => makePod(n, { requests: { cpu: '600m' } })),
    );
    await eventually(() => events.length === 3, 'three events');
    await scheduler.idle();
    const failed = events.find((e) => e.reason === 'FailedScheduling')!;
    expect(failed).toEqual({
      name: failed.name,
      type: 'Warning',
      reason: 'FailedScheduling',
      message: '0/2 nodes are available: 2 Insufficient cpu.',
    });
    const bound = ['a', 'b', 'c'].filter((n) => n !== failed.name);
    const hosts = await Promise.all(bound.map(nodeOf));
    expect(new Set(hosts)).toEqual(new Set(['n1', 'n2']));
    expect(events.filter((e) => e.reason === 'Scheduled').sort((x, y) => x.name!.localeCompare(y.name!))).toEqual(
      bound.map((name, i) => ({
        name,
        type: 'Normal',
        reason: 'Scheduled',
        message: `Successfully assigned default/${name} to ${hosts[i]}`,
      })),
    );
    const condition = (await pod(failed.name!)).status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(condition).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message: '0/2 nodes are available: 2 Insufficient cpu.',
    });
    expect(scheduler.queue.pendingPods().unschedulable).toEqual([`default/${failed.name}`]);

    await client.resource<Node>(resources.nodes).create(makeNode('n3', cpu));
    await eventually(async () => (await nodeOf(failed.name!)) === 'n3', 'the third pod bound to the new node');
  });

  it('says no node is available when there is none, and leaves pods of other schedulers alone', async () => {
    await start([], [makePod('mine'), makePod('theirs', { schedulerName: 'other' })]);
    await eventually(() => events.length > 0, 'an event');
    await scheduler.idle();
    expect(events).toEqual([
      { name: 'mine', type: 'Warning', reason: 'FailedScheduling', message: 'no nodes available to schedule pods' },
    ]);
    const theirs = await pod('theirs');
    expect(theirs.status?.conditions).toBeUndefined();
    expect(scheduler.queue.pendingPods().active).toEqual([]);
    await client.resource<Node>(resources.nodes).create(makeNode('n1'));
    await eventually(async () => (await nodeOf('mine')) === 'n1', 'mine bound once a node joined');
    expect(await nodeOf('theirs')).toBeUndefined();
  });

  it('does not write the same condition twice', async () => {
    const cpu = { allocatable: { cpu: '1', memory: '1Gi', pods: '10' } };
    await start([makeNode('n1', cpu)], [makePod('big', { requests: { cpu: '2' } })]);
    await eventually(() => events.length > 0, 'an event');
    await scheduler.idle();
    const patches = () => client.actions.filter((a) => a.verb === 'patch' && a.subresource === 'status').length;
    expect(patches()).toBe(1);
    // A node change the Fit plugin did not register moves nothing; a node added does, and fails the same way.
    await client.resource<Node>(resources.nodes).create(makeNode('n2', cpu));
    await eventually(() => events.length > 1, 'a second attempt');
    await scheduler.idle();
    expect(events[1].message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
    expect(patches()).toBe(2);
  });

  it('a failed binding is forgotten, reported as a SchedulerError, and retried after its backoff', async () => {
    await start([makeNode('n1')], [makePod('flaky', { requests: { cpu: '1' } })]);
    await eventually(() => events.some((e) => e.reason === 'FailedScheduling'), 'the failure');
    expect(events[0]).toEqual({
      name: 'flaky',
      type: 'Warning',
      reason: 'FailedScheduling',
      message: 'running Bind plugin "DefaultBinder": etcdserver: request timed out',
    });
    expect(scheduler.cache.podCount).toBe(0);
    await eventually(async () => (await nodeOf('flaky')) === 'n1', 'bound on the retry');
    await scheduler.idle();
    const condition = (await pod('flaky')).status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(condition).toMatchObject({ status: 'False', reason: 'SchedulerError' });
  });

  it('skips a pod being deleted with the event kube records, and binds nothing', async () => {
    await start([makeNode('n1')], [makePod('leaving', { deleting: true })]);
    await eventually(() => events.length > 0, 'an event');
    await scheduler.idle();
    expect(events).toEqual([
      {
        name: 'leaving',
        type: 'Warning',
        reason: 'FailedScheduling',
        message: 'skip schedule deleting pod: default/leaving',
      },
    ]);
    expect(await nodeOf('leaving')).toBeUndefined();
    expect(scheduler.queue.pendingPods()).toEqual({ active: [], backoff: [], unschedulable: [] });
  });

  it("writes a failed attempt's PodScheduled=False before the next attempt can bind the pod", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    await start([makeNode('n1')], [makePod('flaky', { uid: 'uid-flaky-held', requests: { cpu: '1' } })], (c) =>
      holdingStatusWrites(c, released),
    );
    client.addReactor((action) => {
      if (action.verb === 'patch') order.push(action.subresource ?? 'spec');
    });
    const pending = () => Object.values(scheduler.queue.pendingPods()).flat().length;
    await eventually(() => pending() === 1, 'the failed binding requeued');
    await eventually(() => pending() === 0, 'the pod popped again after its backoff');
    await new Promise((r) => setTimeout(r, 100));
    const boundWhileHeld = await nodeOf('flaky');
    release();
    expect(boundWhileHeld).toBeUndefined();
    await eventually(async () => (await nodeOf('flaky')) === 'n1', 'bound once the write landed');
    expect(order).toEqual(['status', 'spec']);
  });

  it('refuses a configuration naming an unknown plugin', () => {
    expect(
      () =>
        new Scheduler({
          client: new FakeResourceClient(),
          informers: new InformerFactory(new FakeResourceClient()),
          plugins,
          configuration: { ...configuration, profiles: [{ plugins: { filter: { enabled: [{ name: 'Nope' }] } } }] },
        }),
    ).toThrow('profiles[0].plugins.filter.enabled[0].name: plugin "Nope" does not exist');
    scheduler = { stop: async () => undefined } as Scheduler;
    informers = new InformerFactory(new FakeResourceClient());
  });
});
