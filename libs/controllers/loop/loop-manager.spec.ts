import { Logger } from '@nestjs/common';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { ResourceClient, ResourceRef, resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { byOwnerUid, controllerOf, OWNER_UID_INDEX } from '../informer';
import { keyOf } from '../queue';
import { StepResult } from './chain';
import { ControllerSelection } from './controller-selection';
import { defineLoop, enqueueMapped, LoopDeps, RunnableLoop } from './define-loop';
import { LoopManager } from './loop-manager';
import { LoopRunner } from './loop-runner';

const rs = (name: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { namespace: 'ns', name },
  spec: {},
});

const ownedBy = (name: string, owner: KubeObject, controller = true): KubeObject => ({
  metadata: {
    namespace: 'ns',
    name,
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner.metadata.name!, uid: owner.metadata.uid!, controller },
    ],
  },
  spec: {},
});

/** A view of the fake client that records who asked for it and fails every call while cut. */
const view = (client: FakeResourceClient, identities: string[]) => {
  const link = { cut: false };
  const clientFor = (identity: string): ResourceClient => {
    identities.push(identity);
    return {
      resource: <T extends KubeObject>(ref: ResourceRef) => {
        const r = client.resource<T>(ref);
        const guard =
          <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
          async (...a: A): Promise<R> => {
            if (link.cut) throw StatusError.unavailable('connection refused');
            return fn(...a);
          };
        return { ...r, get: guard(r.get), list: guard(r.list), create: guard(r.create), update: guard(r.update) };
      },
    };
  };
  return { clientFor, link };
};

/** A replica-set-like loop: keeps one pod per ReplicaSet, counting on expectations not to double it. */
const onePodLoop = (reconciled: string[], extra: (obj: KubeObject) => StepResult = () => ({})) =>
  defineLoop({
    name: 'one-pod',
    identity: 'system:serviceaccount:kube-system:one-pod-controller',
    for: 'apps/v1/replicasets',
    owns: ['v1/pods'],
    reconcile: (deps: LoopDeps) => async (set: KubeObject) => {
      const key = keyOf(set);
      const pods = deps.listerFor('v1/pods');
      const controlled = () => pods.list({ namespace: 'ns' }).filter((p) => controllerOf(p)?.uid === set.metadata.uid);
      reconciled.push(`${Date.now()} ${key} pods=${controlled().length}`);
      if (!deps.expectations.satisfied(key)) return {};
      const mine = controlled();
      if (mine.length === 0) {
        deps.expectations.expectCreations(key, 1);
        await deps.client.resource(resources.pods).create(ownedBy(`${set.metadata.name}-pod`, set));
      }
      return extra(set);
    },
  });

describe('LoopManager (fake clock)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const settle = async (ms = 10) => jest.advanceTimersByTimeAsync(ms);

  it('reconciles every for object once leading, and the owner when an owned object it controls changes', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.replicaSets, rs('web'));
    const web = await client.resource(resources.replicaSets).get('ns', 'web');
    const identities: string[] = [];
    const reconciled: string[] = [];
    const manager = new LoopManager([onePodLoop(reconciled)], {
      clientFor: view(client, identities).clientFor,
      holderIdentity: 'p1',
    });
    manager.start();
    await settle();
    await manager.idle();
    // The first reconcile creates the pod; seeing it (its creation expected) reconciles again.
    expect(reconciled).toEqual(['0 ns/web pods=0', '0 ns/web pods=1']);
    expect(identities).toEqual([
      'system:kube-controller-manager',
      'system:serviceaccount:kube-system:one-pod-controller',
    ]);
    expect((await client.resource(resources.pods).list('ns')).items).toHaveLength(1);

    reconciled.length = 0;
    await client.resource(resources.pods).create(ownedBy('not-controller', web, false));
    await client.resource(resources.pods).create({
      ...ownedBy('stranger', web),
      metadata: {
        ...ownedBy('stranger', web).metadata,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'another-uid', controller: true },
        ],
      },
    });
    await settle();
    expect(reconciled).toEqual([]);
    await client.resource(resources.pods).delete('ns', 'web-pod');
    await settle();
    await manager.idle();
    expect(reconciled).toEqual(['20 ns/web pods=0', '20 ns/web pods=1']);
    await manager.stop();
    expect(client.openWatches).toBe(0);
  });

  it('brings an object back after the requeue a step asks for, and retries a failing one with backoff', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.replicaSets, rs('web'));
    const reconciled: string[] = [];
    let calls = 0;
    const manager = new LoopManager(
      [
        onePodLoop(reconciled, () => {
          calls++;
          if (calls === 3) throw new Error('conflict');
          return { requeueAfterMs: 1000 };
        }),
      ],
      { clientFor: view(client, []).clientFor },
    );
    manager.start();
    await settle(2500);
    // 0: created the pod, asked for 1 s; 0: saw the pod; 1000: fails; 1050 (the queue's first backoff); 2050.
    expect(reconciled.map((r) => r.split(' ')[0])).toEqual(['0', '0', '1000', '1050', '2050']);
    await manager.stop();
  });

  it('runs the loops only while it leads: the other process takes over after the lease expires', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.replicaSets, rs('web'));
    const a = view(client, []);
    const b = view(client, []);
    const ranA: string[] = [];
    const ranB: string[] = [];
    const managerA = new LoopManager([onePodLoop(ranA)], { clientFor: a.clientFor, holderIdentity: 'a' });
    const managerB = new LoopManager([onePodLoop(ranB)], { clientFor: b.clientFor, holderIdentity: 'b' });
    managerA.start();
    await settle(1);
    managerB.start();
    const runningAt: string[] = [];
    for (let t = 1; t <= 30; t++) {
      await settle(1000);
      if (t === 5) a.link.cut = true;
      runningAt.push(`${t}:${managerA.running().join()}|${managerB.running().join()}`);
      if (!managerB.running().length) expect(ranB).toEqual([]);
    }
    expect(runningAt.filter((r) => r.endsWith(':one-pod|one-pod'))).toEqual([]);
    // a's last renewal was at 4 s: it stops at 14 s; b, which saw that renewal at 4.001 s, takes
    // the lease at its first try 15 s later (20.001 s).
    expect(runningAt.find((r) => r.endsWith(':|'))).toBe('14:|');
    expect(runningAt.find((r) => r.endsWith('|one-pod'))).toBe('20:|one-pod');
    a.link.cut = false;
    await managerB.idle();
    // Once for the ReplicaSet, once more for its pod as the owned informer's handler hears of it.
    expect(ranB).toEqual(['20001 ns/web pods=1', '20001 ns/web pods=1']);
    expect(managerA.running()).toEqual([]);
    await managerA.stop();
    await managerB.stop();
  });

  it('a runner whose Lease is lost before its informers synced settles without starting workers', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.replicaSets, rs('web'));
    const a = view(client, []);
    // The replica sets never list, so the informers never sync.
    const clientFor = (identity: string): ResourceClient => {
      const c = a.clientFor(identity);
      return {
        resource: <T extends KubeObject>(ref: ResourceRef) => {
          const r = c.resource<T>(ref);
          return ref.resource === 'replicasets' ? { ...r, list: () => new Promise<never>(() => {}) } : r;
        },
      };
    };
    const original = LoopRunner.prototype.start;
    const starts: string[] = [];
    const start = jest.spyOn(LoopRunner.prototype, 'start').mockImplementation(function (this: LoopRunner) {
      return original.call(this).then(() => void starts.push(`${Date.now()} settled`));
    });
    const ran: string[] = [];
    const manager = new LoopManager([onePodLoop(ran)], { clientFor, holderIdentity: 'a' });
    manager.start();
    await settle(5000);
    expect(manager.running()).toEqual(['one-pod']);
    a.link.cut = true;
    await settle(10_000);
    expect(manager.running()).toEqual([]);
    expect(starts).toEqual(['14000 settled']);
    expect(ran).toEqual([]);
    start.mockRestore();
    await manager.stop();
  });

  it('on a lost Lease, the reconciles running finish before the loops run again', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.replicaSets, rs('web'));
    const a = view(client, []);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ran: string[] = [];
    let inFlight = 0;
    const loop = defineLoop({
      name: 'slow',
      identity: 'u',
      for: 'apps/v1/replicasets',
      reconcile: () => async (set) => {
        ran.push(`${Date.now()} start ${set.metadata.name} (${++inFlight} running)`);
        if (ran.length === 1) await gate;
        inFlight--;
        ran.push(`${Date.now()} end`);
        return {};
      },
    });
    const manager = new LoopManager([loop], { clientFor: a.clientFor, holderIdentity: 'a' });
    manager.start();
    await settle(5000);
    a.link.cut = true;
    // Lost at 14 s (last renewed at 4 s); renewed again at its try at 16 s.
    await settle(10_000);
    a.link.cut = false;
    await settle(10_000);
    expect(ran).toEqual(['0 start web (1 running)']);
    expect(manager.running()).toEqual([]);
    release();
    await settle();
    await manager.idle();
    expect(ran).toEqual(['0 start web (1 running)', '25000 end', '25000 start web (1 running)', '25000 end']);
    expect(manager.running()).toEqual(['slow']);
    await manager.stop();
  });

  it('logs a loop that fails to stop when the Lease is lost', async () => {
    const client = new FakeResourceClient();
    const a = view(client, []);
    const loop = defineLoop({ name: 'x', identity: 'u', for: 'v1/pods', reconcile: () => async () => ({}) });
    const manager = new LoopManager([loop], { clientFor: a.clientFor, holderIdentity: 'a' });
    const stop = jest.spyOn(LoopRunner.prototype, 'stop').mockRejectedValueOnce(new Error('boom'));
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    manager.start();
    await settle(5000);
    a.link.cut = true;
    await settle(10_000);
    expect(error).toHaveBeenCalledWith('a loop failed to stop: boom');
    stop.mockRestore();
    error.mockRestore();
    await manager.stop();
  });

  it('runs loops that share a Lease under one election and a loop with its own Lease under another', async () => {
    const client = new FakeResourceClient();
    const noop = (name: string, lease?: string) =>
      defineLoop({
        name,
        identity: `system:serviceaccount:kube-system:${name}`,
        for: 'v1/pods',
        lease,
        reconcile: () => async () => ({}),
      });
    const manager = new LoopManager([noop('a'), noop('b'), noop('c', 'c-lease')], {
      clientFor: () => client,
      holderIdentity: 'p1',
    });
    manager.start();
    await settle();
    expect(manager.running().sort()).toEqual(['a', 'b', 'c']);
    const holders = async () =>
      (await client.resource<KubeObject>(resources.leases).list('kube-system')).items.map(
        (l) => `${l.metadata.name}=${(l.spec as { holderIdentity: string }).holderIdentity}`,
      );
    expect(await holders()).toEqual(['kube-controller-manager=p1', 'c-lease=p1']);
    await manager.stop();
    expect(manager.running()).toEqual([]);
    expect(await holders()).toEqual(['kube-controller-manager=', 'c-lease=']);
  });

  it('runs a self-built loop like any, with its own identity and a fresh run each term', async () => {
    const client = new FakeResourceClient();
    const identities: string[] = [];
    const events: string[] = [];
    const runnable: RunnableLoop = {
      name: 'custom',
      identity: 'system:serviceaccount:kube-system:custom',
      run: ({ informers }) => {
        informers.informerFor(resources.pods);
        events.push('run');
        return {
          start: async () => void events.push('start'),
          stop: async () => void events.push('stop'),
          idle: async () => undefined,
        };
      },
    };
    const manager = new LoopManager([runnable], {
      clientFor: view(client, identities).clientFor,
      holderIdentity: 'p1',
    });
    manager.start();
    await settle();
    expect(manager.running()).toEqual(['custom']);
    expect(identities).toContain('system:serviceaccount:kube-system:custom');
    await manager.stop();
    expect(events).toEqual(['run', 'start', 'stop']);
    expect(client.openWatches).toBe(0);
  });

  it('leaves out the loops the controllers list turns off', async () => {
    const client = new FakeResourceClient();
    const noop = (name: string) =>
      defineLoop({ name, identity: `u-${name}`, for: 'v1/pods', reconcile: () => async () => ({}) });
    const manager = new LoopManager([noop('replicaset'), noop('namespace'), noop('certificate')], {
      clientFor: () => client,
      controllers: ControllerSelection.parse('*,-replicaset,-csrsigning'),
    });
    manager.add(noop('replicationcontroller'));
    manager.start();
    await settle();
    expect(manager.running().sort()).toEqual(['certificate', 'namespace', 'replicationcontroller']);
    expect([manager.controllerEnabled('csrsigning'), manager.controllerEnabled('csrapproving')]).toEqual([false, true]);
    await manager.stop();
  });

  it('enqueues what a watched object maps to (old and new), and hands a gone key to the loop', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.replicaSets, rs('a'), rs('b'));
    const reconciled: string[] = [];
    const gone: string[] = [];
    const loop = defineLoop({
      name: 'watching',
      identity: 'system:serviceaccount:kube-system:watching-controller',
      for: 'apps/v1/replicasets',
      // A pod enqueues the ReplicaSet its `set` label names.
      watches: [
        {
          resource: 'v1/pods',
          keys: enqueueMapped((pod, lister) => [lister.get('ns', pod.metadata.labels?.set ?? '')].filter((x) => !!x)),
        },
      ],
      reconcile: () => async (set: KubeObject) => {
        reconciled.push(set.metadata.name!);
      },
      gone: () => async (key) => {
        gone.push(key);
      },
    });
    const manager = new LoopManager([loop], { clientFor: view(client, []).clientFor });
    manager.start();
    await settle();
    await manager.idle();
    reconciled.length = 0;
    const pods = client.resource(resources.pods);
    await pods.create({ metadata: { namespace: 'ns', name: 'p', labels: { set: 'a' } } });
    await settle();
    await manager.idle();
    expect(reconciled).toEqual(['a']);
    reconciled.length = 0;
    const p = await pods.get('ns', 'p');
    await pods.update({ ...p, metadata: { ...p.metadata, labels: { set: 'b' } } });
    await settle();
    await manager.idle();
    expect(reconciled.sort()).toEqual(['a', 'b']);
    await client.resource(resources.replicaSets).delete('ns', 'b');
    await settle();
    await manager.idle();
    expect(gone).toEqual(['ns/b']);
    await manager.stop();
  });

  it('refuses two loops of one name', () => {
    const loop = defineLoop({ name: 'x', identity: 'u', for: 'v1/pods', reconcile: () => async () => ({}) });
    expect(() => new LoopManager([loop, loop], { clientFor: () => new FakeResourceClient() })).toThrow(
      'two loops are named x',
    );
  });

  it('takes loops a provider adds before it starts, and refuses them once started', async () => {
    const loop = (name: string) =>
      defineLoop({ name, identity: 'u', for: 'v1/pods', reconcile: () => async () => ({}) });
    const manager = new LoopManager([loop('x')], { clientFor: () => new FakeResourceClient() });
    manager.add(loop('y'));
    expect(() => manager.add(loop('x'))).toThrow('two loops are named x');
    manager.start();
    expect(() => manager.add(loop('z'))).toThrow('loop z was added after its manager started');
    await manager.stop();
  });

  it('counts an owned object seen terminating, then gone, once toward deletions tracked by key', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.replicaSets, rs('web'));
    const web = await client.resource(resources.replicaSets).get('ns', 'web');
    // A finalizer holds `a` terminating after its deletion, as a node agent holds a running pod.
    const held = ownedBy('a', web);
    client.seed(resources.pods, { ...held, metadata: { ...held.metadata, finalizers: ['test/hold'] } });
    client.seed(resources.pods, ownedBy('b', web));
    const c = ownedBy('c', web);
    client.seed(resources.pods, { ...c, metadata: { ...c.metadata, finalizers: ['test/hold'] } });
    let deps: LoopDeps | undefined;
    const loop = defineLoop({
      name: 'tracking',
      identity: 'u',
      for: 'apps/v1/replicasets',
      owns: ['v1/pods'],
      reconcile: (d) => {
        deps = d;
        return async () => ({});
      },
    });
    const manager = new LoopManager([loop], { clientFor: () => client });
    manager.start();
    await settle();
    await manager.idle();
    deps!.expectations.expectDeletionsOf('ns/web', ['ns/a', 'ns/b']);
    const pods = client.resource(resources.pods);
    await pods.delete('ns', 'a');
    await settle();
    const a = await pods.get('ns', 'a');
    expect(a.metadata.deletionTimestamp).toBeDefined();
    await pods.update({ ...a, metadata: { ...a.metadata, finalizers: [] } });
    await settle();
    await expect(pods.get('ns', 'a')).rejects.toThrow('not found');
    expect(deps!.expectations.satisfied('ns/web')).toBe(false);
    await pods.delete('ns', 'b');
    await settle();
    expect(deps!.expectations.satisfied('ns/web')).toBe(true);
    // Seen terminating is enough: the controller need not wait for the node to let the pod go.
    deps!.expectations.expectDeletionsOf('ns/web', ['ns/c']);
    await pods.delete('ns', 'c');
    await settle();
    expect(deps!.expectations.satisfied('ns/web')).toBe(true);
    await manager.stop();
  });

  it('enqueues the adopters a loop names for an orphan that appears or is relabelled', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.replicaSets, rs('web'));
    client.seed(resources.replicaSets, rs('api'));
    const reconciled: string[] = [];
    const loop = defineLoop({
      name: 'adopting',
      identity: 'u',
      for: 'apps/v1/replicasets',
      owns: ['v1/pods'],
      adopters: (orphan, lister) => lister.list().filter((set) => set.metadata.name === orphan.metadata.labels?.app),
      reconcile: () => async (set) => void reconciled.push(set.metadata.name!),
    });
    const manager = new LoopManager([loop], { clientFor: () => client });
    manager.start();
    await settle();
    await manager.idle();
    reconciled.length = 0;
    const pods = client.resource(resources.pods);
    const orphan = await pods.create({ metadata: { namespace: 'ns', name: 'o', labels: { app: 'web' } }, spec: {} });
    await settle();
    await manager.idle();
    expect(reconciled).toEqual(['web']);
    await pods.update({ ...orphan, metadata: { ...orphan.metadata, annotations: { a: 'b' } } });
    await settle();
    await manager.idle();
    expect(reconciled).toEqual(['web']);
    const current = await pods.get('ns', 'o');
    await pods.update({ ...current, metadata: { ...current.metadata, labels: { app: 'api' } } });
    await settle();
    await manager.idle();
    expect(reconciled).toEqual(['web', 'api']);
    await manager.stop();
  });

  it('gives reconcile the indexers it adds through listerFor', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.replicaSets, rs('web'));
    const web = await client.resource(resources.replicaSets).get('ns', 'web');
    client.seed(resources.pods, ownedBy('p1', web));
    const found: string[] = [];
    const loop = defineLoop({
      name: 'indexed',
      identity: 'u',
      for: 'apps/v1/replicasets',
      owns: ['v1/pods'],
      reconcile: (deps) => {
        const informerLister = deps.listerFor('v1/pods');
        return async (set) => {
          found.push(
            ...informerLister
              .list({ namespace: 'ns' })
              .filter((p) => byOwnerUid(p).includes(set.metadata.uid!))
              .map((p) => p.metadata.name!),
          );
          return {};
        };
      },
    });
    const manager = new LoopManager([loop], { clientFor: () => client });
    manager.start();
    await settle();
    await manager.idle();
    expect(found).toEqual(['p1', 'p1']);
    expect(OWNER_UID_INDEX).toBe('ownerUid');
    await manager.stop();
  });
});
