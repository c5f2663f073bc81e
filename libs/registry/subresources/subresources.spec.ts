// The subresource table a strategy gives, and the handlers in it: status writes status only, scale
// reads and writes replicas through an autoscaling/v1 Scale, finalize cannot be read, approval
// takes the strategy's own rules, and connect entries wait for the app's handler.
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { KubeObject } from '@kubenest/apimachinery';
import { AdmissionChain } from '../admission';
import { FakeStore } from '../cache/testing/fake-store';
import { GenericStore } from '../generic-store';
import { statusOf } from '../generic-store.testing';
import { ResourceRegistry } from '../resource-registry';
import { ResourceStores } from '../resource-stores';
import { Strategy } from '../strategy';
import { Scale } from './scale-subresource';
import { Subresource } from './subresource';
import { subresourceTable } from './subresource-table';

interface Widget extends KubeObject {
  spec?: { replicas?: number; finalizers?: string[]; size?: number };
  status?: { replicas?: number; approved?: boolean; note?: string };
}

const base: Strategy<Widget> = {
  kind: { group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets' },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  prepareForUpdate: (w, old) => {
    w.status = old.status;
  },
  validate: () => [],
};

const bell: Subresource = {
  create: async () => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }),
};

const full: Strategy<Widget> = {
  ...base,
  status: {},
  scale: {
    specReplicas: (w) => w.spec?.replicas ?? 1,
    setSpecReplicas: (w, n) => (w.spec = { ...w.spec, replicas: n }),
    statusReplicas: (w) => w.status?.replicas ?? 0,
    selector: () => 'app=w',
  },
  finalize: {
    prepareForUpdate: (w, old) => {
      w.spec = { ...old.spec, finalizers: w.spec?.finalizers };
      w.status = old.status;
    },
  },
  updateSubresources: {
    approval: {
      prepareForUpdate: (w, old) => {
        w.spec = old.spec;
        w.status = { ...old.status, approved: w.status?.approved };
      },
    },
  },
  subresources: { bell },
  connect: ['log', 'exec'],
};

describe('subresourceTable', () => {
  it.each([
    { name: 'a strategy without subresources', strategy: base, want: [] },
    {
      name: 'every kind of entry',
      strategy: full,
      want: ['approval', 'bell', 'exec', 'finalize', 'log', 'scale', 'status'],
    },
    { name: 'status only', strategy: { ...base, status: {} }, want: ['status'] },
  ])('$name', ({ strategy, want }) => {
    expect([...subresourceTable(strategy as Strategy).keys()].sort()).toEqual(want);
  });

  it.each([
    { name: 'status', get: true, update: true, create: false, connect: false },
    { name: 'scale', get: true, update: true, create: false, connect: false },
    { name: 'finalize', get: false, update: true, create: false, connect: false },
    { name: 'approval', get: true, update: true, create: false, connect: false },
    { name: 'bell', get: false, update: false, create: true, connect: false },
    { name: 'log', get: false, update: false, create: false, connect: true },
  ])('$name serves the verbs it has', ({ name, ...verbs }) => {
    const sub = subresourceTable(full as Strategy).get(name)!;
    expect({ get: !!sub.get, update: !!sub.update, create: !!sub.create, connect: !!sub.connect }).toEqual(verbs);
  });
});

const setup = async () => {
  const store = new GenericStore(full as Strategy, new FakeStore(), new AdmissionChain());
  await store.create('ns', {
    metadata: { name: 'w' },
    spec: { replicas: 2, size: 1, finalizers: ['f'] },
    status: { replicas: 2, note: 'n' },
  });
  const table = subresourceTable(full as Strategy);
  const target = { store, namespace: 'ns', name: 'w' };
  return { store, table, target };
};

describe('subresource handlers', () => {
  it('status writes status and keeps everything else', async () => {
    const { store, table, target } = await setup();
    const status = table.get('status')!;
    await status.update!(target, (w) => ({ ...w, spec: { size: 9 }, status: { note: 'changed' } }), {});
    const stored = (await store.get('ns', 'w')) as Widget;
    expect(stored.spec).toEqual({ replicas: 2, size: 1, finalizers: ['f'] });
    expect(stored.status).toEqual({ note: 'changed' });
  });

  it('scale answers a Scale of the object', async () => {
    const { table, target } = await setup();
    expect(await table.get('scale')!.get!(target)).toMatchObject({
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'w', namespace: 'ns' },
      spec: { replicas: 2 },
      status: { replicas: 2, selector: 'app=w' },
    });
  });

  it.each([
    { name: 'a new replica count is written', replicas: 5, want: 5 },
    { name: 'zero is a count', replicas: 0, want: 0 },
  ])('scale: $name', async ({ replicas, want }) => {
    const { store, table, target } = await setup();
    const written = (await table.get('scale')!.update!(target, (s) => ({ ...s, spec: { replicas } }), {})) as Scale;
    expect(written.spec.replicas).toBe(want);
    expect(((await store.get('ns', 'w')) as Widget).spec?.replicas).toBe(want);
  });

  it.each([
    { name: 'negative', replicas: -1 },
    { name: 'fractional', replicas: 1.5 },
    { name: 'missing', replicas: undefined },
  ])('scale refuses a $name replica count with 422', async ({ replicas }) => {
    const { table, target } = await setup();
    const e = await statusOf(table.get('scale')!.update!(target, (s) => ({ ...s, spec: { replicas } }), {}));
    expect(e.code).toBe(422);
    expect(e.message).toContain('spec.replicas');
  });

  it('a scale pinned to an old resourceVersion is a conflict', async () => {
    const { table, target } = await setup();
    const e = await statusOf(
      table.get('scale')!.update!(
        target,
        (s) => ({ ...s, metadata: { ...s.metadata, resourceVersion: '999' }, spec: { replicas: 3 } }),
        {},
      ),
    );
    expect(e.code).toBe(409);
  });

  it('a dry-run scale changes nothing', async () => {
    const { store, table, target } = await setup();
    await table.get('scale')!.update!(target, (s) => ({ ...s, spec: { replicas: 7 } }), { dryRun: true });
    expect(((await store.get('ns', 'w')) as Widget).spec?.replicas).toBe(2);
  });

  it('finalize writes spec.finalizers only', async () => {
    const { store, table, target } = await setup();
    await table.get('finalize')!.update!(target, (w) => ({ ...w, spec: { size: 5, finalizers: [] } }), {});
    expect(((await store.get('ns', 'w')) as Widget).spec).toEqual({ replicas: 2, size: 1, finalizers: [] });
  });

  it('approval writes what its strategy lets through', async () => {
    const { store, table, target } = await setup();
    await table.get('approval')!.update!(target, (w) => ({ ...w, spec: { size: 3 }, status: { approved: true } }), {});
    const stored = (await store.get('ns', 'w')) as Widget;
    expect(stored.spec?.size).toBe(1);
    expect(stored.status).toEqual({ replicas: 2, note: 'n', approved: true });
  });
});

describe('ResourceStores.registerConnect', () => {
  const stores = () =>
    new ResourceStores(new ResourceRegistry([full as Strategy]), new FakeStore(), new AdmissionChain());

  it("puts the app's handler on the kind's connect entries", () => {
    const s = stores();
    const handler = jest.fn();
    s.registerConnect('example.com', 'Widget', ['log', 'exec'], handler);
    const entry = s.byKind('example.com', 'Widget')!;
    expect(entry.subresources.get('log')!.connect!.handler).toBe(handler);
    expect(entry.subresources.get('exec')!.connect!.handler).toBe(handler);
  });

  it('refuses a subresource the kind does not declare as connect', () => {
    expect(() => stores().registerConnect('example.com', 'Widget', ['attach'], jest.fn())).toThrow(/attach/);
    expect(() => stores().registerConnect('example.com', 'Widget', ['status'], jest.fn())).toThrow(/status/);
  });
});
