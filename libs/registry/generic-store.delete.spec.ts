// GenericStore.delete on the in-memory store: immediate deletion, finalizers, graceful pod
// deletion, namespaces that terminate, preconditions and dry runs.
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { KubeObject } from '@kubenest/apimachinery';
import { builtinStrategies } from '@kubenest/api/all-strategies';
import { AdmissionAttributes, AdmissionChain, AdmissionPlugin } from './admission';
import { FakeStore } from './cache/testing/fake-store';
import { GenericStore } from './generic-store';
import { statusOf } from './generic-store.testing';
import { Strategy } from './strategy';

const widgets: Strategy = {
  kind: { group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets' },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  generationTracked: true,
  validate: () => [],
};

const builtin = (plural: string): Strategy => builtinStrategies.find((s) => s.kind.plural === plural)!;

const recorded: AdmissionAttributes[] = [];
const recorder: AdmissionPlugin = {
  name: 'Recorder',
  validate: async (a) => {
    recorded.push(a);
  },
};

const setup = async (strategy: Strategy, body: Partial<KubeObject> = {}, name = 'x') => {
  const store = new FakeStore();
  const generic = new GenericStore(strategy, store, new AdmissionChain([recorder]));
  const ns = strategy.namespaced ? 'ns' : undefined;
  const created = await generic.create(ns, { metadata: { name }, ...body });
  recorded.length = 0;
  return { store, generic, created, ns };
};

const pod = (nodeName?: string, finalizers?: string[]): Partial<KubeObject> => ({
  metadata: { name: 'x', finalizers },
  spec: { nodeName, containers: [{ name: 'c', image: 'nginx:1.27' }] },
});

const secondsFromNow = (timestamp: unknown): number => Math.round((Date.parse(String(timestamp)) - Date.now()) / 1000);

const withoutFinalizers = (cur?: KubeObject): KubeObject => ({
  ...cur!,
  metadata: { ...cur!.metadata, finalizers: [] },
});

describe('GenericStore delete', () => {
  it('deletes an object with nothing holding it at once', async () => {
    const { generic, store, created } = await setup(widgets);
    const { object, deleted } = await generic.delete('ns', 'x', { user: { name: 'bob', groups: [] } });
    expect(deleted).toBe(true);
    expect(object.metadata.uid).toBe(created.metadata.uid);
    expect(object.metadata.resourceVersion).toBe('3');
    expect(await store.get('/registry/example.com/widgets/ns/x')).toBeUndefined();
    expect((await statusOf(generic.get('ns', 'x'))).code).toBe(404);
    expect(recorded[0]).toMatchObject({ operation: 'DELETE', name: 'x', namespace: 'ns', user: { name: 'bob' } });
    expect(recorded[0].oldObject).toEqual(created);
  });

  it('deletes at once a kind without graceful deletion, whatever grace period is asked', async () => {
    const { generic } = await setup(widgets);
    const { deleted } = await generic.delete('ns', 'x', { gracePeriodSeconds: 30 });
    expect(deleted).toBe(true);
  });

  it('answers 404 for a missing object', async () => {
    const { generic } = await setup(widgets);
    const e = await statusOf(generic.delete('ns', 'nothing'));
    expect(e.message).toBe('widgets.example.com "nothing" not found');
  });

  it('only marks an object with finalizers, bumping its generation once', async () => {
    const { generic } = await setup(widgets, { metadata: { name: 'x', finalizers: ['example.com/a'] } });
    const first = await generic.delete('ns', 'x', { gracePeriodSeconds: 30 });
    expect(first.deleted).toBe(false);
    expect(first.object.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(Math.abs(secondsFromNow(first.object.metadata.deletionTimestamp))).toBeLessThanOrEqual(1);
    expect(first.object.metadata.generation).toBe(2);
    expect(first.object.metadata.resourceVersion).toBe('3');
    const again = await generic.delete('ns', 'x');
    expect(again).toEqual({ object: first.object, deleted: false });
    expect(await generic.get('ns', 'x')).toEqual(first.object);
  });

  it('keeps a marked object while a finalizer remains and deletes it with the last one', async () => {
    const { generic, store } = await setup(widgets, {
      metadata: { name: 'x', finalizers: ['example.com/a', 'example.com/b'] },
    });
    await generic.delete('ns', 'x');
    const kept = await generic.update('ns', 'x', (cur) => ({
      ...cur!,
      metadata: { ...cur!.metadata, finalizers: ['example.com/b'] },
    }));
    expect(kept.object.metadata.finalizers).toEqual(['example.com/b']);
    expect(kept.object.metadata.deletionTimestamp).toBeDefined();
    const gone = await generic.update('ns', 'x', withoutFinalizers);
    expect(gone.object.metadata.finalizers).toEqual([]);
    expect(gone.object.metadata.resourceVersion).toBe('5');
    expect(await store.get('/registry/example.com/widgets/ns/x')).toBeUndefined();
  });

  it('does not delete an object that is not being deleted when its finalizers go', async () => {
    const { generic } = await setup(widgets, { metadata: { name: 'x', finalizers: ['example.com/a'] } });
    await generic.update('ns', 'x', withoutFinalizers);
    expect((await generic.get('ns', 'x')).metadata.finalizers).toEqual([]);
  });

  it.each([
    { name: 'an unscheduled pod', body: pod(), grace: undefined, deleted: true },
    { name: 'a scheduled pod asked for 0 seconds', body: pod('n1'), grace: 0, deleted: true },
    { name: 'a scheduled pod', body: pod('n1'), grace: undefined, deleted: false, period: 30 },
    { name: 'a scheduled pod asked for 5 seconds', body: pod('n1'), grace: 5, deleted: false, period: 5 },
    { name: 'a scheduled pod asked for -3 seconds', body: pod('n1'), grace: -3, deleted: false, period: 1 },
    {
      name: 'an unscheduled pod with a finalizer',
      body: pod(undefined, ['example.com/a']),
      grace: 10,
      deleted: false,
      period: 0,
    },
  ])('deletes $name: deleted=$deleted', async ({ body, grace, deleted, period }) => {
    const { generic } = await setup(builtin('pods'), body);
    const result = await generic.delete('ns', 'x', { gracePeriodSeconds: grace });
    expect(result.deleted).toBe(deleted);
    if (deleted) return;
    expect(result.object.metadata.deletionGracePeriodSeconds).toBe(period);
    expect(Math.abs(secondsFromNow(result.object.metadata.deletionTimestamp) - period!)).toBeLessThanOrEqual(1);
    expect(result.object.metadata.generation).toBe(2);
  });

  it('shortens a pod grace period and deletes it when asked for 0 seconds', async () => {
    const { generic, store } = await setup(builtin('pods'), pod('n1'));
    await generic.delete('ns', 'x');
    const longer = await generic.delete('ns', 'x', { gracePeriodSeconds: 60 });
    expect(longer.object.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(await store.currentRevision()).toBe(3);
    const shorter = await generic.delete('ns', 'x', { gracePeriodSeconds: 10 });
    expect(shorter.object.metadata.deletionGracePeriodSeconds).toBe(10);
    expect(Math.abs(secondsFromNow(shorter.object.metadata.deletionTimestamp) - 10)).toBeLessThanOrEqual(1);
    expect(shorter.object.metadata.generation).toBe(2);
    const now = await generic.delete('ns', 'x', { gracePeriodSeconds: 0 });
    expect(now.deleted).toBe(true);
    expect((await statusOf(generic.get('ns', 'x'))).code).toBe(404);
  });

  it('keeps a pod in its grace period through status updates', async () => {
    const { generic } = await setup(builtin('pods'), pod('n1'));
    await generic.delete('ns', 'x');
    const { object } = await generic.update('ns', 'x', (cur) => ({ ...cur!, status: { phase: 'Running' } }), {
      subresource: 'status',
    });
    expect(object.status).toEqual({ phase: 'Running' });
    expect(object.metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it('makes a namespace Terminating until /finalize empties spec.finalizers', async () => {
    const { generic, store } = await setup(builtin('namespaces'));
    const marked = await generic.delete(undefined, 'x');
    expect(marked.deleted).toBe(false);
    expect(marked.object.status).toEqual({ phase: 'Terminating' });
    expect(marked.object.metadata.deletionTimestamp).toBeDefined();
    expect(marked.object.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(marked.object.metadata.generation).toBeUndefined();
    const relabelled = await generic.update(undefined, 'x', (cur) => ({
      ...cur!,
      metadata: { ...cur!.metadata, labels: { team: 'a' } },
    }));
    expect(relabelled.object.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(await generic.get(undefined, 'x')).toEqual(relabelled.object);
    await generic.update(undefined, 'x', (cur) => ({ ...cur!, spec: { finalizers: [] } }), { subresource: 'finalize' });
    expect(await store.get('/registry/core/namespaces/x')).toBeUndefined();
  });

  it('keeps a finalized namespace while metadata.finalizers remain', async () => {
    const { generic } = await setup(builtin('namespaces'), { metadata: { name: 'x', finalizers: ['example.com/a'] } });
    await generic.delete(undefined, 'x');
    await generic.update(undefined, 'x', (cur) => ({ ...cur!, spec: { finalizers: [] } }), { subresource: 'finalize' });
    expect((await generic.get(undefined, 'x')).status).toEqual({ phase: 'Terminating' });
    await generic.update(undefined, 'x', withoutFinalizers);
    expect((await statusOf(generic.get(undefined, 'x'))).code).toBe(404);
  });

  it.each([
    {
      name: 'uid',
      preconditions: { uid: 'other' },
      message: (uid: string) =>
        `Operation cannot be fulfilled on Widget.example.com "x": the UID in the precondition (other) does not match the UID in record (${uid}). The object might have been deleted and then recreated`,
    },
    {
      name: 'resourceVersion',
      preconditions: { resourceVersion: '7' },
      message: () =>
        'Operation cannot be fulfilled on Widget.example.com "x": the ResourceVersion in the precondition (7) does not match the ResourceVersion in record (2). The object might have been modified',
    },
  ])('answers 409 Conflict when the $name precondition fails', async ({ preconditions, message }) => {
    const { generic, created, store } = await setup(widgets);
    const e = await statusOf(generic.delete('ns', 'x', { preconditions }));
    expect(e.code).toBe(409);
    expect(e.reason).toBe('Conflict');
    expect(e.message).toBe(message(created.metadata.uid!));
    expect(await store.currentRevision()).toBe(2);
  });

  it('deletes when the preconditions hold', async () => {
    const { generic, created } = await setup(widgets);
    const { deleted } = await generic.delete('ns', 'x', {
      preconditions: { uid: created.metadata.uid, resourceVersion: '2' },
    });
    expect(deleted).toBe(true);
  });

  it.each([
    { name: 'an immediate delete', strategy: widgets, body: {}, deleted: true },
    { name: 'a graceful delete', strategy: builtin('pods'), body: pod('n1'), deleted: false },
    { name: 'a namespace', strategy: builtin('namespaces'), body: {}, deleted: false },
  ])('writes nothing on a dry run of $name', async ({ strategy, body, deleted }) => {
    const { generic, store, created, ns } = await setup(strategy, body);
    const result = await generic.delete(ns, 'x', { dryRun: true });
    expect(result.deleted).toBe(deleted);
    expect(recorded[0].dryRun).toBe(true);
    expect(await store.currentRevision()).toBe(2);
    expect(await generic.get(ns, 'x')).toEqual(created);
  });

  describe('propagation policies', () => {
    it.each([
      { policy: 'Foreground' as const, finalizer: 'foregroundDeletion' },
      { policy: 'Orphan' as const, finalizer: 'orphan' },
    ])('$policy marks the object with $finalizer instead of deleting it', async ({ policy, finalizer }) => {
      const { generic } = await setup(widgets);
      const { object, deleted } = await generic.delete('ns', 'x', { propagationPolicy: policy });
      expect(deleted).toBe(false);
      expect(object.metadata.finalizers).toEqual([finalizer]);
      expect(object.metadata.deletionTimestamp).toBeDefined();
      expect(object.metadata.deletionGracePeriodSeconds).toBe(0);
      expect(object.metadata.generation).toBe(2);
      expect(await generic.get('ns', 'x')).toEqual(object);
    });

    it('Background deletes at once', async () => {
      const { generic } = await setup(widgets);
      expect((await generic.delete('ns', 'x', { propagationPolicy: 'Background' })).deleted).toBe(true);
    });

    it("follows the kind's default when the request names no policy", async () => {
      const { generic } = await setup({ ...widgets, garbageCollectionPolicy: 'OrphanDependents' });
      expect((await generic.delete('ns', 'x', {})).object.metadata.finalizers).toEqual(['orphan']);
    });

    it('a later delete with another policy swaps the GC finalizer of an object being deleted', async () => {
      const { generic } = await setup(widgets, { metadata: { name: 'x', finalizers: ['example.com/hold'] } });
      await generic.delete('ns', 'x', { propagationPolicy: 'Orphan' });
      const { object } = await generic.delete('ns', 'x', { propagationPolicy: 'Foreground' });
      expect(object.metadata.finalizers).toEqual(['example.com/hold', 'foregroundDeletion']);
    });

    it('the object goes once the garbage collector removes its finalizer', async () => {
      const { generic, store } = await setup(widgets);
      await generic.delete('ns', 'x', { propagationPolicy: 'Foreground' });
      await generic.update('ns', 'x', withoutFinalizers);
      expect(await store.get('/registry/example.com/widgets/ns/x')).toBeUndefined();
    });

    it('leaves a pending graceful deletion as its first request set it', async () => {
      const { generic } = await setup(builtin('pods'), pod('n1'));
      await generic.delete('ns', 'x', {});
      const { object } = await generic.delete('ns', 'x', { propagationPolicy: 'Orphan' });
      expect(object.metadata.finalizers).toBeUndefined();
    });

    it('refuses an unknown policy with 422, as BeforeDelete does', async () => {
      const { generic } = await setup(widgets);
      const e = await statusOf(generic.delete('ns', 'x', { propagationPolicy: 'Later' }));
      expect(e.code).toBe(422);
      expect(await generic.get('ns', 'x')).toBeDefined();
    });

    it('a dry run writes no finalizer', async () => {
      const { generic, store } = await setup(widgets);
      const { object } = await generic.delete('ns', 'x', { propagationPolicy: 'Orphan', dryRun: true });
      expect(object.metadata.finalizers).toEqual(['orphan']);
      expect(await store.currentRevision()).toBe(2);
    });
  });
});
