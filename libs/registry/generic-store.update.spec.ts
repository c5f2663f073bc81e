// GenericStore.update on the in-memory store: optimistic concurrency, system metadata,
// generation, no-op updates, the status and finalize subresources, create on update, dry runs.
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { KubeObject } from '@kubenest/apimachinery';
import { builtinStrategies } from '@kubenest/api/all-strategies';
import { KeyValue, Preconditions } from '@kubenest/storage';
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
  prepareForCreate: (w) => {
    delete w.status;
  },
  prepareForUpdate: (w, old) => {
    w.status = old.status;
  },
  validate: () => [],
  status: {},
};

const configs: Strategy = {
  kind: { group: '', version: 'v1', kind: 'Config', plural: 'configs' },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validate: () => [],
};

const builtin = (plural: string): Strategy => builtinStrategies.find((s) => s.kind.plural === plural)!;

/** Lets another writer in before the next `races` compare-and-swaps, so that they fail. */
class RacingStore extends FakeStore {
  races = 0;
  updates = 0;
  override async update(key: string, value: string, preconditions: Preconditions): Promise<KeyValue> {
    this.updates++;
    if (this.races-- > 0) {
      const kv = (await this.get(key))!;
      const other = JSON.parse(kv.value) as KubeObject;
      other.metadata.annotations = { ...other.metadata.annotations, racer: String(this.updates) };
      await super.update(key, JSON.stringify(other), { modRevision: kv.modRevision });
    }
    return super.update(key, value, preconditions);
  }
}

const recorded: AdmissionAttributes[] = [];
const recorder: AdmissionPlugin = {
  name: 'Recorder',
  admit: async (a) => {
    recorded.push(structuredClone(a));
  },
};

const setup = async (strategy: Strategy = widgets, body: Partial<KubeObject> = {}) => {
  const store = new RacingStore();
  const generic = new GenericStore(strategy, store, new AdmissionChain([recorder]));
  const ns = strategy.namespaced ? 'ns' : undefined;
  const created = await generic.create(ns, {
    metadata: { name: 'w', labels: { app: 'web' } },
    spec: { size: 1 },
    ...body,
  });
  recorded.length = 0;
  return { store, generic, created, ns };
};

const withSpec = (obj: KubeObject | undefined, spec: unknown): KubeObject => ({ ...obj!, spec });

describe('GenericStore update', () => {
  it('writes the new object with the store revision as resourceVersion', async () => {
    const { generic, created } = await setup();
    const { object, created: isNew } = await generic.update('ns', 'w', (cur) => withSpec(cur, { size: 2 }));
    expect(isNew).toBe(false);
    expect(object.spec).toEqual({ size: 2 });
    expect(object.metadata.resourceVersion).toBe('3');
    expect(object.metadata.uid).toBe(created.metadata.uid);
    expect(await generic.get('ns', 'w')).toEqual(object);
  });

  it('answers 409 Conflict to a stale resourceVersion', async () => {
    const { generic, created, store } = await setup();
    await generic.update('ns', 'w', (cur) => withSpec(cur, { size: 2 }));
    const stale = { ...withSpec(created, { size: 3 }) };
    const e = await statusOf(generic.update('ns', 'w', () => stale));
    expect(e.code).toBe(409);
    expect(e.reason).toBe('Conflict');
    expect(e.message).toBe(
      'Operation cannot be fulfilled on widgets.example.com "w": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(await store.currentRevision()).toBe(3);
  });

  it('answers 409 when a write slips in between the read and the swap of a pinned resourceVersion', async () => {
    const { generic, created, store } = await setup();
    store.races = 1;
    const e = await statusOf(generic.update('ns', 'w', () => withSpec(created, { size: 3 })));
    expect(e.reason).toBe('Conflict');
    expect(store.updates).toBe(1);
  });

  it.each([
    {
      name: 'a body without resourceVersion (PUT)',
      fn: (_cur?: KubeObject): KubeObject => ({ metadata: { name: 'w' }, spec: { size: 5 } }),
      annotations: undefined,
    },
    {
      name: 'a change of the current object (PATCH)',
      fn: (cur?: KubeObject) => withSpec(cur, { size: 5 }),
      annotations: { racer: '3' },
    },
  ])('retries lost races for $name: last write wins', async ({ fn, annotations }) => {
    const { generic, store } = await setup();
    store.races = 3;
    const calls = jest.fn(fn);
    const { object } = await generic.update('ns', 'w', calls);
    expect(calls).toHaveBeenCalledTimes(4);
    expect(object.spec).toEqual({ size: 5 });
    expect(object.metadata.annotations).toEqual(annotations);
    expect(object.metadata.resourceVersion).toBe('6');
  });

  it('gives each attempt a fresh copy even when the update function returns one object', async () => {
    const { generic, store } = await setup(builtin('pods'), {
      spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    });
    store.races = 1;
    const body: KubeObject = {
      metadata: { name: 'w' },
      spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] },
    };
    const { object } = await generic.update('ns', 'w', () => body);
    expect(body.metadata).toEqual({ name: 'w' });
    expect(object.metadata.generation).toBe(2);
  });

  it('keeps uid, creationTimestamp and generation whatever the client sends', async () => {
    const { generic, created } = await setup();
    const { object } = await generic.update('ns', 'w', (cur) => ({
      ...cur!,
      metadata: {
        ...cur!.metadata,
        uid: undefined,
        creationTimestamp: '2001-01-01T00:00:00Z' as never,
        generation: 42,
        deletionTimestamp: '2001-01-01T00:00:00Z' as never,
      },
    }));
    expect(object.metadata.uid).toBe(created.metadata.uid);
    expect(object.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
    expect(object.metadata.generation).toBe(1);
    expect(object.metadata.deletionTimestamp).toBeUndefined();
  });

  it('refuses a different uid with 422, as kube-apiserver does', async () => {
    const { generic } = await setup();
    const e = await statusOf(
      generic.update('ns', 'w', (cur) => ({ ...cur!, metadata: { ...cur!.metadata, uid: 'another' } })),
    );
    expect(e.code).toBe(422);
    expect(e.details?.causes?.[0]).toMatchObject({ field: 'metadata.uid' });
  });

  it('refuses a name other than the one in the URL with 400', async () => {
    const { generic } = await setup();
    const e = await statusOf(generic.update('ns', 'w', () => ({ metadata: { name: 'v' } })));
    expect(e.code).toBe(400);
    expect(e.message).toBe('the name of the object (v) does not match the name on the URL (w)');
  });

  it.each([
    {
      name: 'a label',
      change: (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, labels: { a: 'b' } } }),
      want: 1,
    },
    { name: 'the spec', change: (o: KubeObject) => withSpec(o, { size: 9 }), want: 2 },
    { name: 'a new top-level field', change: (o: KubeObject) => ({ ...o, data: { k: 'v' } }), want: 2 },
    { name: 'the status (kept by the strategy)', change: (o: KubeObject) => ({ ...o, status: { x: 1 } }), want: 1 },
    {
      name: 'a field set to undefined',
      change: (o: KubeObject) => ({ ...o, spec: { ...(o.spec as object), gone: undefined } }),
      want: 1,
    },
  ])('generation after a change of $name is $want', async ({ change, want }) => {
    const { generic } = await setup();
    const { object } = await generic.update('ns', 'w', (cur) => change(cur!));
    expect(object.metadata.generation).toBe(want);
  });

  it('leaves generation out for kinds that do not track it', async () => {
    const { generic } = await setup(configs);
    const { object } = await generic.update('ns', 'w', (cur) => withSpec(cur, { size: 2 }));
    expect(object.metadata.generation).toBeUndefined();
    expect('generation' in object.metadata).toBe(false);
  });

  it.each([
    { name: 'the current object', fn: (cur?: KubeObject) => cur! },
    {
      name: 'the same object with its keys in another order',
      fn: (cur?: KubeObject) => ({ spec: cur!.spec, metadata: { labels: cur!.metadata.labels, name: 'w' } }),
    },
  ])('does not write a no-op update of $name', async ({ fn }) => {
    const { generic, store, created } = await setup(configs);
    const { object } = await generic.update('ns', 'w', fn);
    expect(object).toEqual(created);
    expect(await store.currentRevision()).toBe(2);
  });

  it('writes only status through /status', async () => {
    const { generic } = await setup();
    const { object } = await generic.update(
      'ns',
      'w',
      (cur) => ({ ...cur!, spec: { size: 100 }, metadata: { ...cur!.metadata, labels: {} }, status: { ready: true } }),
      { subresource: 'status' },
    );
    expect(object.status).toEqual({ ready: true });
    expect(object.spec).toEqual({ size: 1 });
    expect(object.metadata.labels).toEqual({ app: 'web' });
    expect(object.metadata.generation).toBe(1);
    expect(recorded[0]).toMatchObject({ operation: 'UPDATE', subresource: 'status' });
  });

  it('keeps status on a main update of a pod and takes it through /status', async () => {
    const pod = { spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
    const { generic } = await setup(builtin('pods'), pod);
    const main = await generic.update('ns', 'w', (cur) => ({
      ...cur!,
      metadata: { ...cur!.metadata, labels: { app: 'db' } },
      status: { phase: 'Running' },
    }));
    expect(main.object.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(main.object.metadata.labels).toEqual({ app: 'db' });
    const status = await generic.update(
      'ns',
      'w',
      (cur) => ({ ...cur!, spec: { containers: [{ name: 'c', image: 'evil' }] }, status: { phase: 'Running' } }),
      { subresource: 'status' },
    );
    expect(status.object.status).toEqual({ phase: 'Running' });
    expect((status.object.spec as { containers: { image: string }[] }).containers[0].image).toBe('nginx:1.27');
  });

  it('bumps a deployment generation only when its spec changes', async () => {
    const spec = {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
    };
    const { generic } = await setup(builtin('deployments'), { spec });
    const same = await generic.update('ns', 'w', () => ({ metadata: { name: 'w', labels: { app: 'web' } }, spec }));
    expect(same.object.metadata.generation).toBe(1);
    expect(same.object.metadata.resourceVersion).toBe('2');
    const scaled = await generic.update('ns', 'w', (cur) => withSpec(cur, { ...(cur!.spec as object), replicas: 3 }));
    expect(scaled.object.metadata.generation).toBe(2);
    const status = await generic.update('ns', 'w', (cur) => ({ ...cur!, status: { replicas: 3 } }), {
      subresource: 'status',
    });
    expect(status.object.metadata.generation).toBe(2);
    expect(status.object.status).toEqual({ replicas: 3 });
  });

  it.each([
    { name: 'without allowCreate', options: {}, want: 404 },
    { name: 'on a subresource', options: { allowCreate: true, subresource: 'status' as const }, want: 404 },
  ])('answers NotFound for a missing object $name', async ({ options, want }) => {
    const { generic } = await setup();
    const e = await statusOf(generic.update('ns', 'missing', () => ({ metadata: {} }), options));
    expect(e.code).toBe(want);
    expect(e.message).toBe('widgets.example.com "missing" not found');
  });

  it('creates a missing object with allowCreate', async () => {
    const { generic } = await setup();
    const fn = jest.fn(() => ({ metadata: { resourceVersion: '7' }, spec: { size: 4 }, status: { x: 1 } }));
    const { object, created } = await generic.update('ns', 'fresh', fn, { allowCreate: true });
    expect(fn).toHaveBeenCalledWith(undefined);
    expect(created).toBe(true);
    expect(object.metadata).toMatchObject({ name: 'fresh', namespace: 'ns', generation: 1, resourceVersion: '3' });
    expect(object.metadata.uid).toBeDefined();
    expect(object.status).toBeUndefined();
    expect(recorded[0].operation).toBe('CREATE');
  });

  it('changes only spec.finalizers of a namespace through /finalize', async () => {
    const { generic } = await setup(builtin('namespaces'), { spec: {} });
    const { object } = await generic.update(
      undefined,
      'w',
      (cur) => ({ ...cur!, spec: { finalizers: [] }, status: {} }),
      { subresource: 'finalize' },
    );
    expect(object.spec).toEqual({ finalizers: [] });
    expect(object.status).toEqual({ phase: 'Active' });
    expect(object.metadata.resourceVersion).toBe('3');
  });

  it('keeps spec.finalizers of a namespace on a main update', async () => {
    const { generic } = await setup(builtin('namespaces'), { spec: {} });
    const { object } = await generic.update(undefined, 'w', (cur) => ({ ...cur!, spec: { finalizers: [] } }));
    expect(object.spec).toEqual({ finalizers: ['kubernetes'] });
  });

  it('runs everything on a dry run but writes nothing', async () => {
    const { generic, store } = await setup();
    const { object } = await generic.update('ns', 'w', () => ({ metadata: { name: 'w' }, spec: { size: 3 } }), {
      dryRun: true,
    });
    expect(object.spec).toEqual({ size: 3 });
    expect(object.metadata.generation).toBe(2);
    expect(object.metadata.resourceVersion).toBe('2');
    expect(recorded[0].dryRun).toBe(true);
    expect(await store.currentRevision()).toBe(2);
    expect((await generic.get('ns', 'w')).spec).toEqual({ size: 1 });
  });

  it('gives admission the old object and the new one', async () => {
    const { generic, created } = await setup();
    await generic.update('ns', 'w', (cur) => withSpec(cur, { size: 2 }), { user: { name: 'alice', groups: [] } });
    expect(recorded[0]).toMatchObject({
      operation: 'UPDATE',
      name: 'w',
      namespace: 'ns',
      user: { name: 'alice', groups: [] },
      oldObject: created,
      object: { spec: { size: 2 } },
    });
  });
});
