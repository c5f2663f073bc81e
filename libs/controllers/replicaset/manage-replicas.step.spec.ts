import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod } from '@kubenest/api/core/types';
import { StatusError } from '@kubenest/apimachinery';
import { Expectations } from '../expectations';
import { manageReplicas, podFromTemplate } from './manage-replicas.step';
import { REPLICA_SET_KIND, REPLICATION_CONTROLLER_KIND } from './replicated';
import { syncReplicaSet } from './replicaset.reconciler';

const rs = (replicas: number): ReplicaSet => ({
  metadata: { namespace: 'ns', name: 'web', uid: 'rs-uid', generation: 1 },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' }, annotations: { a: 'b' } },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    },
  },
  status: { replicas: 0 },
});

const pods = (n: number): Pod[] =>
  Array.from({ length: n }, (_, i) => ({
    metadata: { namespace: 'ns', name: `web-${i}`, uid: `u${i}`, labels: { app: 'web' } },
    spec: { containers: [] },
  }));

const harness = (fail?: (call: number) => unknown) => {
  const expectations = new Expectations(() => 0);
  const created: Pod[] = [];
  const deleted: string[] = [];
  const events: string[] = [];
  let calls = 0;
  const manage = manageReplicas({
    kind: REPLICA_SET_KIND,
    expectations,
    recorder: { event: (_o, type, reason) => void events.push(`${type} ${reason}`) },
    createPod: async (pod) => {
      const error = fail?.(++calls);
      if (error) throw error;
      const made = { ...pod, metadata: { ...pod.metadata, name: `web-new${created.length}` } };
      created.push(made);
      return made;
    },
    deletePod: async (_ns, name) => {
      const error = fail?.(++calls);
      if (error) throw error;
      deleted.push(name);
    },
    relatedPods: () => [],
    now: () => 0,
    burstReplicas: 4,
  });
  return { expectations, created, deleted, events, manage };
};

describe('manageReplicas', () => {
  it.each([
    { name: 'creates the missing', replicas: 3, have: 1, created: 2, deleted: 0, satisfiedAfter: 2 },
    { name: 'no more than the burst at once', replicas: 10, have: 0, created: 4, deleted: 0, satisfiedAfter: 4 },
    { name: 'deletes the surplus', replicas: 1, have: 3, created: 0, deleted: 2, satisfiedAfter: 2 },
    { name: 'nothing to do', replicas: 2, have: 2, created: 0, deleted: 0, satisfiedAfter: 0 },
  ])('$name', async ({ replicas, have, created, deleted, satisfiedAfter }) => {
    const h = harness();
    expect(await h.manage(rs(replicas), pods(have))).toBeUndefined();
    expect([h.created.length, h.deleted.length]).toEqual([created, deleted]);
    // Each write is awaited until the informer reports it.
    expect(h.expectations.satisfied('ns/web')).toBe(satisfiedAfter === 0);
    for (let i = 0; i < satisfiedAfter; i++) {
      if (created) h.expectations.creationObserved('ns/web');
      else h.expectations.deletionObserved('ns/web', `ns/web-${i}`);
    }
    expect(h.expectations.satisfied('ns/web')).toBe(true);
  });

  it('stops at the first failed batch and expects only what was created', async () => {
    const h = harness((call) => (call === 2 ? new StatusError(403, 'Forbidden', 'exceeded quota') : undefined));
    const error = await h.manage(rs(4), []);
    expect(error?.message).toContain('exceeded quota');
    // Batches 1 then 2 (one of which failed); the last batch never ran.
    expect(h.created.length).toBe(2);
    h.expectations.creationObserved('ns/web');
    expect(h.expectations.satisfied('ns/web')).toBe(false);
    h.expectations.creationObserved('ns/web');
    expect(h.expectations.satisfied('ns/web')).toBe(true);
    expect(h.events).toContain('Warning FailedCreate');
  });

  it('counts a pod already gone as deleted, without an error', async () => {
    const h = harness(() => StatusError.notFound({ group: '', resource: 'pods' }, 'x'));
    expect(await h.manage(rs(0), pods(1))).toBeUndefined();
    expect(h.expectations.satisfied('ns/web')).toBe(true);
  });

  it('refuses to create pods without labels', async () => {
    const h = harness();
    const bare = rs(1);
    bare.spec!.template!.metadata = {};
    expect((await h.manage(bare, []))?.message).toBe('unable to create pods, no labels');
    expect(h.created).toEqual([]);
  });
});

describe('podFromTemplate', () => {
  it.each([
    { kind: REPLICA_SET_KIND, apiVersion: 'apps/v1' },
    { kind: REPLICATION_CONTROLLER_KIND, apiVersion: 'v1' },
  ])(
    'a $kind.kind pod: template labels and annotations, generateName, controller reference',
    ({ kind, apiVersion }) => {
      expect(podFromTemplate(rs(1), kind).metadata).toEqual({
        namespace: 'ns',
        generateName: 'web-',
        labels: { app: 'web' },
        annotations: { a: 'b' },
        ownerReferences: [
          { apiVersion, kind: kind.kind, name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true },
        ],
      });
    },
  );
});

describe('syncReplicaSet under racing events', () => {
  /** A sync whose informer shows `visible` pods (those created before it caught up are not there yet). */
  const sync = (visible: () => Pod[], h: ReturnType<typeof harness>, statuses: unknown[] = []) =>
    syncReplicaSet({
      expectations: h.expectations,
      claimCandidates: visible,
      claimPods: async (_rs, p) => p,
      manageReplicas: h.manage,
      writeStatus: async (r, status) => (statuses.push(status), { ...r, status }),
      now: () => new Date(0),
    });

  it('a resync before the informer saw the creations does not create again', async () => {
    const h = harness();
    const run = sync(() => [], h);
    await run(rs(3));
    await run(rs(3));
    expect(h.created.length).toBe(3);
    for (let i = 0; i < 3; i++) h.expectations.creationObserved('ns/web');
    await run(rs(3));
    expect(h.created.length).toBe(6);
  });

  it('a resync before the informer saw the deletions does not delete again', async () => {
    const h = harness();
    const run = sync(() => pods(3), h);
    await run(rs(1));
    await run(rs(1));
    expect(h.deleted.length).toBe(2);
  });

  it('a pod seen terminating, then gone, counts once', async () => {
    const h = harness();
    const run = sync(() => pods(3), h);
    await run(rs(1));
    const [first, second] = h.deleted;
    h.expectations.terminationObserved('ns/web', `ns/${first}`);
    h.expectations.deletionObserved('ns/web', `ns/${first}`);
    expect(h.expectations.satisfied('ns/web')).toBe(false);
    h.expectations.deletionObserved('ns/web', `ns/${second}`);
    expect(h.expectations.satisfied('ns/web')).toBe(true);
  });

  it('writes the status only when it changed, and fails the sync after writing a failure', async () => {
    const h = harness(() => new StatusError(403, 'Forbidden', 'exceeded quota'));
    const statuses: unknown[] = [];
    await expect(sync(() => [], h, statuses)(rs(1))).rejects.toThrow('exceeded quota');
    expect(statuses).toEqual([
      expect.objectContaining({
        observedGeneration: 1,
        conditions: [expect.objectContaining({ reason: 'FailedCreate' })],
      }),
    ]);
    const quiet = harness();
    const unchanged = {
      ...rs(0),
      status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 },
    };
    const none: unknown[] = [];
    await sync(() => [], quiet, none)(unchanged);
    expect(none).toEqual([]);
  });

  it('looks again after minReadySeconds while ready pods are not yet available', async () => {
    const h = harness();
    const ready: Pod[] = pods(1).map((p) => ({
      ...p,
      status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(0).toISOString() }] },
    }));
    const slow = { ...rs(1), spec: { ...rs(1).spec!, minReadySeconds: 30 } };
    expect(await sync(() => ready, h)(slow)).toEqual({ requeueAfterMs: 30_000 });
    expect(await sync(() => ready, h)(rs(1))).toEqual({});
  });

  it('neither creates nor deletes for a ReplicaSet being deleted', async () => {
    const h = harness();
    await sync(() => [], h)({ ...rs(2), metadata: { ...rs(2).metadata, deletionTimestamp: 't' } });
    expect(h.created).toEqual([]);
  });
});
