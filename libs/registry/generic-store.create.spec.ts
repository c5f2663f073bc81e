// GenericStore.create on the in-memory store: system metadata, generateName, namespaces,
// the order of hooks and admission, validation, dry runs and AlreadyExists.
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { invalid, KubeObject, StatusError } from '@kubenest/apimachinery';
import { builtinStrategies } from '@kubenest/api/all-strategies';
import { StoreError } from '@kubenest/storage';
import { AdmissionAttributes, AdmissionChain, AdmissionPlugin } from './admission';
import { FakeStore } from './cache/testing/fake-store';
import { GenericStore } from './generic-store';
import { statusOf } from './generic-store.testing';
import { Strategy } from './strategy';

const log: string[] = [];

const widgets: Strategy = {
  kind: { group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets' },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  generationTracked: true,
  prepareForCreate: (w) => {
    log.push('prepareForCreate');
    w.status = { phase: 'New' };
  },
  validate: (w) => {
    log.push('validate');
    const size = (w.spec as { size?: number } | undefined)?.size ?? 0;
    return size < 0 ? [invalid('spec.size', size, 'must be greater than or equal to 0')] : [];
  },
};

const gadgets: Strategy = {
  kind: { group: '', version: 'v1', kind: 'Gadget', plural: 'gadgets' },
  namespaced: false,
  nameValidator: nameIsDNSSubdomain,
  validate: () => [],
};

const builtin = (plural: string): Strategy => builtinStrategies.find((s) => s.kind.plural === plural && !s.kind.group)!;

/** Records both admission phases and may change or refuse the object. */
class RecordingPlugin implements AdmissionPlugin {
  readonly name = 'Recording';
  seen: AdmissionAttributes[] = [];
  refuse = false;

  async admit(a: AdmissionAttributes): Promise<void> {
    log.push(`admit ${a.operation}`);
    this.seen.push(structuredClone(a));
    if (a.object) a.object.metadata.labels = { ...a.object.metadata.labels, admitted: 'yes' };
  }

  async validate(a: AdmissionAttributes): Promise<void> {
    log.push(`validate ${a.operation}`);
    if (this.refuse) throw StatusError.forbidden({ group: '', resource: 'widgets' }, a.name, 'refused');
  }
}

/** Answers 'exists' to the first `clashes` creates, as if generated names were taken. */
class ClashingStore extends FakeStore {
  creates: string[] = [];
  constructor(private clashes: number) {
    super();
  }
  override async create(key: string, value: string) {
    this.creates.push(key);
    if (this.clashes-- > 0) throw new StoreError('exists', `key exists: ${key}`, key, { modRevision: 1 });
    return super.create(key, value);
  }
}

const setup = (strategy: Strategy = widgets, store = new FakeStore()) => {
  const plugin = new RecordingPlugin();
  const generic = new GenericStore(strategy, store, new AdmissionChain([plugin]));
  return { store, plugin, generic };
};

const widget = (name: string | undefined, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: name === undefined ? {} : { name },
  spec: { size: 1 },
  ...extra,
});

beforeEach(() => {
  log.length = 0;
});

describe('GenericStore create', () => {
  it('fills uid, creationTimestamp, generation and resourceVersion from the store', async () => {
    const { generic, store } = setup();
    await store.create('/registry/other/x', '{}');
    const before = Date.now();
    const w = await generic.create('ns', widget('w'));
    expect(w.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(w.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(String(w.metadata.creationTimestamp))).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(w.metadata.generation).toBe(1);
    expect(w.metadata.resourceVersion).toBe('3');
    expect(w.metadata.namespace).toBe('ns');
    expect(await generic.get('ns', 'w')).toEqual(w);
  });

  it('ignores what only the server may set', async () => {
    const { generic } = setup();
    const w = await generic.create(
      'ns',
      widget(undefined, {
        metadata: {
          name: 'w',
          uid: 'mine',
          resourceVersion: '99',
          generation: 7,
          creationTimestamp: '2001-01-01T00:00:00Z' as never,
          deletionTimestamp: '2001-01-01T00:00:00Z' as never,
          deletionGracePeriodSeconds: 5,
        },
      }),
    );
    expect(w.metadata.uid).not.toBe('mine');
    expect(w.metadata.resourceVersion).toBe('2');
    expect(w.metadata.generation).toBe(1);
    expect(w.metadata.creationTimestamp).not.toBe('2001-01-01T00:00:00Z');
    expect(w.metadata.deletionTimestamp).toBeUndefined();
    expect(w.metadata.deletionGracePeriodSeconds).toBeUndefined();
  });

  it.each([
    { name: 'a generation-tracked kind', strategy: widgets, generation: 1 },
    { name: 'a kind without generation', strategy: gadgets, generation: undefined },
  ])('generation on $name', async ({ strategy, generation }) => {
    const { generic } = setup(strategy);
    const obj = await generic.create(
      strategy.namespaced ? 'ns' : undefined,
      widget('x', { metadata: { name: 'x', generation: 3 } }),
    );
    expect(obj.metadata.generation).toBe(generation);
  });

  it('names an object from generateName', async () => {
    const { generic } = setup();
    const w = await generic.create('ns', widget(undefined, { metadata: { generateName: 'web-' } }));
    expect(w.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(w.metadata.generateName).toBe('web-');
  });

  it('tries another generated name when one is taken', async () => {
    const store = new ClashingStore(3);
    const { generic } = setup(widgets, store);
    const w = await generic.create('ns', widget(undefined, { metadata: { generateName: 'web-' } }));
    expect(store.creates).toHaveLength(4);
    expect(new Set(store.creates).size).toBe(4);
    expect(store.creates[3]).toBe(`/registry/example.com/widgets/ns/${w.metadata.name}`);
  });

  it('gives up after eight generated names, as kube-apiserver does', async () => {
    const store = new ClashingStore(100);
    const { generic } = setup(widgets, store);
    const e = await statusOf(generic.create('ns', widget(undefined, { metadata: { generateName: 'web-' } })));
    expect(store.creates).toHaveLength(8);
    expect(e.code).toBe(409);
    expect(e.reason).toBe('AlreadyExists');
    expect(e.message).toMatch(
      /^widgets\.example\.com "web-\w{5}" already exists, the server was not able to generate a unique name for the object$/,
    );
    expect(e.details?.retryAfterSeconds).toBe(1);
  });

  it('does not retry a name the client chose', async () => {
    const store = new ClashingStore(1);
    const { generic } = setup(widgets, store);
    const e = await statusOf(generic.create('ns', widget('w', { metadata: { name: 'w', generateName: 'web-' } })));
    expect(store.creates).toHaveLength(1);
    expect(e.message).toBe('widgets.example.com "w" already exists');
  });

  it.each([
    { name: 'no namespace in the body', body: undefined, want: 'ns' },
    { name: 'the same namespace', body: 'ns', want: 'ns' },
  ])('places the object in the request namespace with $name', async ({ body, want }) => {
    const { generic } = setup();
    const w = await generic.create('ns', widget(undefined, { metadata: { name: 'w', namespace: body } }));
    expect(w.metadata.namespace).toBe(want);
  });

  it('refuses a body namespace other than the request one with 400', async () => {
    const { generic, store } = setup();
    const e = await statusOf(generic.create('ns', widget(undefined, { metadata: { name: 'w', namespace: 'other' } })));
    expect(e.code).toBe(400);
    expect(e.message).toBe('the namespace of the provided object does not match the namespace sent on the request');
    expect(await store.currentRevision()).toBe(1);
  });

  it('drops a namespace from a cluster-scoped object', async () => {
    const { generic, store } = setup(gadgets);
    const g = await generic.create(undefined, widget(undefined, { metadata: { name: 'g', namespace: 'ns' } }));
    expect(g.metadata.namespace).toBeUndefined();
    expect(await store.get('/registry/core/gadgets/g')).toBeDefined();
  });

  it('runs prepareForCreate, mutating admission, validate and validating admission in that order', async () => {
    const { generic, plugin } = setup();
    const w = await generic.create('ns', widget('w', { status: { phase: 'Forged' } }));
    expect(log).toEqual(['prepareForCreate', 'admit CREATE', 'validate', 'validate CREATE']);
    expect(w.status).toEqual({ phase: 'New' });
    expect(w.metadata.labels).toEqual({ admitted: 'yes' });
    const [seen] = plugin.seen;
    expect(seen).toMatchObject({ operation: 'CREATE', namespace: 'ns', name: 'w', dryRun: false });
    expect(seen.object?.metadata.uid).toBe(w.metadata.uid);
    expect(seen.oldObject).toBeUndefined();
  });

  it('validates what mutating admission made', async () => {
    const store = new FakeStore();
    const shrink: AdmissionPlugin = {
      name: 'Shrink',
      admit: async (a) => {
        a.object!.spec = { size: -2 };
      },
    };
    const generic = new GenericStore(widgets, store, new AdmissionChain([shrink]));
    const e = await statusOf(generic.create('ns', widget('w')));
    expect(e.code).toBe(422);
  });

  it('writes nothing when validating admission refuses', async () => {
    const { generic, store, plugin } = setup();
    plugin.refuse = true;
    const e = await statusOf(generic.create('ns', widget('w')));
    expect(e.code).toBe(403);
    expect(await store.currentRevision()).toBe(1);
  });

  it('answers 422 with one cause per field error and writes nothing', async () => {
    const { generic, store } = setup();
    const e = await statusOf(generic.create('ns', widget('w', { spec: { size: -1 } })));
    expect(e.code).toBe(422);
    expect(e.reason).toBe('Invalid');
    expect(e.message).toBe(
      'Widget.example.com "w" is invalid: spec.size: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(e.details?.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.size',
        message: 'Invalid value: -1: must be greater than or equal to 0',
      },
    ]);
    expect(log).not.toContain('validate CREATE');
    expect(await store.currentRevision()).toBe(1);
  });

  it('requires a name or generateName', async () => {
    const { generic } = setup();
    const e = await statusOf(generic.create('ns', widget(undefined)));
    expect(e.code).toBe(422);
    expect(e.details?.causes).toEqual([
      {
        reason: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      },
    ]);
  });

  it('runs everything on a dry run but writes nothing', async () => {
    const { generic, store, plugin } = setup();
    const w = await generic.create('ns', widget('w'), { dryRun: true });
    expect(w.metadata.uid).toBeDefined();
    expect(w.metadata.resourceVersion).toBeUndefined();
    expect(w.status).toEqual({ phase: 'New' });
    expect(plugin.seen[0].dryRun).toBe(true);
    expect(await store.currentRevision()).toBe(1);
  });

  it('answers AlreadyExists on a dry run of a taken name', async () => {
    const { generic, store } = setup();
    await generic.create('ns', widget('w'));
    const e = await statusOf(generic.create('ns', widget('w'), { dryRun: true }));
    expect(e.reason).toBe('AlreadyExists');
    expect(await store.currentRevision()).toBe(2);
  });

  it.each([
    {
      plural: 'pods',
      body: { spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
      want: 'pods "x" already exists',
    },
    { plural: 'namespaces', body: {}, want: 'namespaces "x" already exists' },
  ])('answers 409 AlreadyExists with kube message for $plural', async ({ plural, body, want }) => {
    const strategy = builtin(plural);
    const { generic } = setup(strategy);
    const ns = strategy.namespaced ? 'default' : undefined;
    await generic.create(ns, { metadata: { name: 'x' }, ...body });
    const e = await statusOf(generic.create(ns, { metadata: { name: 'x' }, ...body }));
    expect(e.code).toBe(409);
    expect(e.reason).toBe('AlreadyExists');
    expect(e.message).toBe(want);
    expect(e.details).toEqual({ name: 'x', group: '', kind: plural });
  });

  it('says when the object in the way is being deleted', async () => {
    const { generic } = setup();
    await generic.create('ns', widget('w', { metadata: { name: 'w', finalizers: ['example.com/hold'] } }));
    await generic.delete('ns', 'w');
    const e = await statusOf(generic.create('ns', widget('w')));
    expect(e.message).toBe('object is being deleted: widgets.example.com "w" already exists');
  });

  it('creates a real pod with its defaults and a deployment with generation 1', async () => {
    const pods = setup(builtin('pods')).generic;
    const pod = await pods.create('default', {
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
      status: { phase: 'Running' },
    });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect((pod.spec as { restartPolicy: string }).restartPolicy).toBe('Always');
    const deployments = setup(builtinStrategies.find((s) => s.kind.plural === 'deployments')!).generic;
    const d = await deployments.create('default', {
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
      },
    });
    expect(d.metadata.generation).toBe(1);
    expect((d.spec as { replicas: number }).replicas).toBe(1);
  });

  it('refuses an invalid pod with the causes kube gives', async () => {
    const { generic } = setup(builtin('pods'));
    const e = await statusOf(generic.create('default', { metadata: { name: 'Bad_Name' }, spec: { containers: [] } }));
    expect(e.code).toBe(422);
    expect(e.message.startsWith('Pod "Bad_Name" is invalid: [')).toBe(true);
    expect((e.details?.causes ?? []).map((c) => c.field)).toEqual(
      expect.arrayContaining(['metadata.name', 'spec.containers']),
    );
  });
});
