// ResourceHandler, the request layer HTTP and the in-process client share: body checks, field
// validation warnings, every patch type, dry runs, subresources through the kind's table.
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { Logger } from '@nestjs/common';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { parseListOptions } from '@kubenest/apimachinery/query';
import { AdmissionAttributes, AdmissionChain } from '../admission';
import { FakeStore } from '../cache/testing/fake-store';
import { statusOf } from '../generic-store.testing';
import { ResourceRegistry } from '../resource-registry';
import { ResourceStores } from '../resource-stores';
import { Strategy } from '../strategy';
import { Subresource } from '../subresources';
import { FieldValidator, RequestScope, ResourceHandler } from './resource-handler';

const bell: Subresource = {
  kind: { group: 'example.com', version: 'v1', kind: 'Ring' },
  create: async ({ store, namespace, name }, body, ctx) => {
    await store.update(
      namespace,
      name,
      (w) => ({ ...w!, metadata: { ...w!.metadata, labels: { rung: String(body.times) } } }),
      ctx,
    );
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
  },
};

const widgets: Strategy = {
  kind: { group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets' },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  allowCreateOnUpdate: true,
  prepareForCreate: (w) => void delete w.status,
  prepareForUpdate: (w, old) => {
    w.status = old.status;
  },
  validate: () => [],
  status: {},
  scale: {
    specReplicas: (w) => (w.spec as { replicas?: number } | undefined)?.replicas ?? 1,
    setSpecReplicas: (w, n) => (w.spec = { ...(w.spec as object), replicas: n }),
    statusReplicas: () => 0,
    selector: () => '',
  },
  subresources: { bell },
  connect: ['log'],
};

/** Unknown fields are spec.bogus: Strict refuses it, Warn warns of it, Ignore says nothing. */
const validateFields: FieldValidator = (mode, _kind, obj) => {
  const bogus = (obj as { spec?: { bogus?: unknown } }).spec?.bogus !== undefined;
  if (bogus && mode === 'Strict') throw StatusError.badRequest('strict decoding error: unknown field "spec.bogus"');
  return { warnings: bogus && mode === 'Warn' ? ['unknown field "spec.bogus"'] : [] };
};

const started: ResourceStores[] = [];

const setup = async () => {
  const admitted: AdmissionAttributes[] = [];
  const admission = new AdmissionChain([{ name: 'Seen', admit: async (a) => void admitted.push(a) }]);
  const stores = new ResourceStores(new ResourceRegistry([widgets]), new FakeStore(), admission);
  await stores.start();
  started.push(stores);
  const entry = stores.entry(widgets);
  const handler = new ResourceHandler(validateFields);
  const user = { name: 'alice', groups: ['devs'] };
  const scope = (name?: string, subresource?: string): RequestScope => ({
    entry,
    namespace: 'ns',
    name,
    subresource,
    user,
  });
  await handler.create(scope(), { metadata: { name: 'w' }, spec: { replicas: 2, size: 1 } });
  admitted.length = 0;
  const stored = () => entry.store.get('ns', 'w');
  return { stores, entry, handler, scope, stored, admitted, user };
};

const widget = (extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'x' },
  ...extra,
});

describe('ResourceHandler', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => started.splice(0).forEach((s) => s.stop()));

  describe('create', () => {
    it('fills apiVersion and kind, stores the handed-over object itself, and admits it as the user', async () => {
      const { handler, scope, admitted, user } = await setup();
      const body = { metadata: { name: 'x' } };
      const { object, warnings, created } = await handler.create(scope(), body, {}, true);
      expect(object).toBe(body);
      expect(object).toMatchObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { namespace: 'ns' } });
      expect({ warnings, created }).toEqual({ warnings: [], created: true });
      expect(admitted[0]).toMatchObject({ operation: 'CREATE', user });
    });

    it.each([
      { mode: 'Warn' as const, warnings: ['unknown field "spec.bogus"'] },
      { mode: 'Ignore' as const, warnings: [] },
    ])('returns the field validation warnings of $mode', async ({ mode, warnings }) => {
      const { handler, scope } = await setup();
      const written = await handler.create(scope(), widget({ spec: { bogus: 1 } }), { fieldValidation: mode });
      expect(written.warnings).toEqual(warnings);
    });

    it.each([
      {
        name: 'another apiVersion',
        body: widget({ apiVersion: 'v1' }),
        code: 400,
        message: 'the API version in the data (v1) does not match the expected API version (example.com/v1)',
      },
      {
        name: 'another kind',
        body: widget({ kind: 'Gadget' }),
        code: 400,
        message: 'the kind in the data (Gadget) does not match the expected kind (Widget)',
      },
      { name: 'no object', body: [1], code: 400, message: 'the body of the request was empty or not an object' },
      { name: 'no body', body: undefined, code: 400, message: 'the body of the request was empty or not an object' },
      {
        name: 'a metadata that is no object',
        body: widget({ metadata: 'x' }),
        code: 400,
        message: 'metadata must be an object',
      },
      {
        name: 'an unknown field under Strict',
        body: widget({ spec: { bogus: 1 } }),
        code: 400,
        message: 'strict decoding error',
        options: { fieldValidation: 'Strict' as const },
      },
    ])('refuses $name and stores nothing', async ({ body, code, message, options }) => {
      const { handler, scope, entry } = await setup();
      const e = await statusOf(handler.create(scope(), body, options));
      expect({ code: e.code, message: e.message }).toEqual({ code, message: expect.stringContaining(message) });
      await expect(entry.store.get('ns', 'x')).rejects.toMatchObject({ code: 404 });
    });

    it('a dry run answers the object and stores nothing', async () => {
      const { handler, scope, entry } = await setup();
      const { object } = await handler.create(scope(), widget(), { dryRun: true });
      expect(object.metadata.uid).toBeDefined();
      await expect(entry.store.get('ns', 'x')).rejects.toMatchObject({ code: 404 });
    });

    it('refuses a POST to a named object with 405', async () => {
      const { handler, scope } = await setup();
      expect((await statusOf(handler.create(scope('w'), widget()))).code).toBe(405);
    });
  });

  describe('update', () => {
    it('replaces the object, with warnings', async () => {
      const { handler, scope, stored } = await setup();
      const current = await stored();
      const { object, warnings, created } = await handler.update(scope('w'), {
        ...current,
        spec: { replicas: 4, bogus: 1 },
      });
      expect(object.spec).toEqual({ replicas: 4, bogus: 1 });
      expect({ warnings, created }).toEqual({ warnings: ['unknown field "spec.bogus"'], created: false });
    });

    it('creates a missing object when the strategy allows it on update', async () => {
      const { handler, scope } = await setup();
      expect((await handler.update(scope('y'), widget({ metadata: { name: 'y' } }))).created).toBe(true);
    });

    it('writes status only through /status', async () => {
      const { handler, scope, stored, admitted } = await setup();
      const current = await stored();
      await handler.update(scope('w', 'status'), { ...current, spec: { replicas: 9 }, status: { ready: true } });
      expect(await stored()).toMatchObject({ spec: { replicas: 2 }, status: { ready: true } });
      expect(admitted[0]).toMatchObject({ operation: 'UPDATE', subresource: 'status' });
    });

    it('writes a Scale through /scale and answers the Scale', async () => {
      const { handler, scope, stored } = await setup();
      const { object } = await handler.update(scope('w', 'scale'), {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: { name: 'w' },
        spec: { replicas: 6 },
      });
      expect(object).toMatchObject({ kind: 'Scale', spec: { replicas: 6 } });
      expect((await stored()).spec).toEqual({ replicas: 6, size: 1 });
    });

    it.each([
      { name: 'a subresource the kind lacks', sub: 'approval', code: 404 },
      { name: 'a create-only subresource', sub: 'bell', code: 404 },
      { name: 'a connect subresource', sub: 'log', code: 404 },
    ])('refuses $name', async ({ sub, code }) => {
      const { handler, scope, stored } = await setup();
      const e = await statusOf(handler.update(scope('w', sub), await stored()));
      expect(e.code).toBe(code);
      expect(e.message).toBe(`widgets.example.com "w" not found`.replace('widgets', `widgets/${sub}`));
    });

    it.each([
      { name: 'null', body: null, message: 'the body of the request was empty or not an object' },
      { name: 'an array', body: [], message: 'the body of the request was empty or not an object' },
      {
        name: 'another kind',
        body: { apiVersion: 'autoscaling/v1', kind: 'Widget', spec: { replicas: 1 } },
        message: 'the kind in the data (Widget) does not match the expected kind (Scale)',
      },
      {
        name: 'another version',
        body: { apiVersion: 'autoscaling/v2', kind: 'Scale', spec: { replicas: 1 } },
        message:
          'the API version in the data (autoscaling/v2) does not match the expected API version (autoscaling/v1)',
      },
    ])('refuses $name as a Scale with 400 and writes nothing', async ({ body, message }) => {
      const { handler, scope, stored } = await setup();
      const e = await statusOf(handler.update(scope('w', 'scale'), body));
      expect({ code: e.code, message: e.message }).toEqual({ code: 400, message });
      expect((await stored()).spec).toEqual({ replicas: 2, size: 1 });
    });

    it('refuses a PUT of a collection with 405', async () => {
      const { handler, scope } = await setup();
      expect((await statusOf(handler.update(scope(), widget()))).code).toBe(405);
    });
  });

  describe('patch', () => {
    it.each([
      { type: 'application/merge-patch+json', patch: { spec: { size: 3 } } },
      { type: 'application/strategic-merge-patch+json', patch: { spec: { size: 3 } } },
      { type: 'application/json-patch+json', patch: [{ op: 'replace', path: '/spec/size', value: 3 }] },
    ])('applies a $type patch', async ({ type, patch }) => {
      const { handler, scope, stored } = await setup();
      const { object } = await handler.patch(scope('w'), type, patch);
      expect(object.spec).toEqual({ replicas: 2, size: 3 });
      expect((await stored()).spec).toEqual({ replicas: 2, size: 3 });
    });

    it('checks a patched object as a body: a kind patched away is refused', async () => {
      const { handler, scope } = await setup();
      const e = await statusOf(handler.patch(scope('w'), 'application/merge-patch+json', { kind: 'Gadget' }));
      expect(e.message).toBe('the kind in the data (Gadget) does not match the expected kind (Widget)');
    });

    it('returns the warnings of the patched object', async () => {
      const { handler, scope } = await setup();
      const { warnings } = await handler.patch(scope('w'), 'application/merge-patch+json', { spec: { bogus: 1 } });
      expect(warnings).toEqual(['unknown field "spec.bogus"']);
    });

    it('patches a Scale through /scale', async () => {
      const { handler, scope, stored } = await setup();
      const { object } = await handler.patch(scope('w', 'scale'), 'application/merge-patch+json', {
        spec: { replicas: 0 },
      });
      expect(object).toMatchObject({ kind: 'Scale', spec: { replicas: 0 } });
      expect((await stored()).spec).toMatchObject({ replicas: 0 });
    });

    it.each([
      {
        name: 'to another version',
        type: 'application/merge-patch+json',
        patch: { apiVersion: 'autoscaling/v2' },
        message:
          'the API version in the data (autoscaling/v2) does not match the expected API version (autoscaling/v1)',
      },
      {
        name: 'to another kind',
        type: 'application/json-patch+json',
        patch: [{ op: 'replace', path: '/kind', value: 'Widget' }],
        message: 'the kind in the data (Widget) does not match the expected kind (Scale)',
      },
    ])('refuses a Scale patched $name with 400 and writes nothing', async ({ type, patch, message }) => {
      const { handler, scope, stored } = await setup();
      const e = await statusOf(handler.patch(scope('w', 'scale'), type, patch));
      expect({ code: e.code, message: e.message }).toEqual({ code: 400, message });
      expect((await stored()).spec).toEqual({ replicas: 2, size: 1 });
    });

    it('a dry-run patch changes nothing', async () => {
      const { handler, scope, stored } = await setup();
      const before = await stored();
      const { object } = await handler.patch(
        scope('w'),
        'application/merge-patch+json',
        { spec: { size: 8 } },
        { dryRun: true },
      );
      expect(object.spec).toMatchObject({ size: 8 });
      expect(await stored()).toEqual(before);
    });

    it.each([
      { name: 'an empty body', type: 'application/merge-patch+json', patch: undefined, code: 400 },
      { name: 'an unknown patch type', type: 'text/plain', patch: {}, code: 415 },
    ])('refuses $name', async ({ type, patch, code }) => {
      const { handler, scope } = await setup();
      expect((await statusOf(handler.patch(scope('w'), type, patch))).code).toBe(code);
    });
  });

  describe('subresource create', () => {
    it("posts the body to the subresource's handler", async () => {
      const { handler, scope, stored } = await setup();
      const ring = { apiVersion: 'example.com/v1', kind: 'Ring', metadata: { name: 'w' }, times: 3 };
      const { object, created } = await handler.create(scope('w', 'bell'), ring);
      expect({ object, created }).toEqual({
        object: expect.objectContaining({ status: 'Success', code: 201 }),
        created: true,
      });
      expect((await stored()).metadata.labels).toEqual({ rung: '3' });
    });

    it.each([
      { name: 'a body of another kind', body: { kind: 'Widget', metadata: { name: 'w' } }, code: 400 },
      { name: 'a body in another namespace', body: { metadata: { name: 'w', namespace: 'other' } }, code: 400 },
    ])('refuses $name', async ({ body, code }) => {
      const { handler, scope } = await setup();
      expect((await statusOf(handler.create(scope('w', 'bell'), body))).code).toBe(code);
    });

    it('refuses a POST to a subresource that takes none with 405', async () => {
      const { handler, scope } = await setup();
      expect((await statusOf(handler.create(scope('w', 'status'), widget()))).code).toBe(405);
    });
  });

  describe('get, list, watch', () => {
    it.each([
      { sub: undefined, kind: 'Widget' },
      { sub: 'status', kind: 'Widget' },
      { sub: 'scale', kind: 'Scale' },
    ])('gets the object through $sub', async ({ sub, kind }) => {
      const { handler, scope } = await setup();
      expect((await handler.get(scope('w', sub))).kind).toBe(kind);
    });

    it('answers 404 for a subresource that cannot be read', async () => {
      const { handler, scope } = await setup();
      expect((await statusOf(handler.get(scope('w', 'bell')))).code).toBe(404);
    });

    it('lists as a WidgetList at a revision', async () => {
      const { handler, scope } = await setup();
      const list = await handler.list(scope(), parseListOptions({}));
      expect(list).toMatchObject({
        kind: 'WidgetList',
        apiVersion: 'example.com/v1',
        items: [{ metadata: { name: 'w' } }],
      });
      expect(Number(list.metadata.resourceVersion)).toBeGreaterThan(0);
    });

    it('refuses a watch from a bad resourceVersion before it starts', () => {
      const { handler, scope } = { handler: new ResourceHandler(validateFields), scope: { entry: {} } as RequestScope };
      expect(() =>
        handler.watch({ ...scope, entry: { strategy: widgets } as never }, { resourceVersion: 'x' }),
      ).toThrow(/invalid resource version/);
    });
  });

  describe('delete', () => {
    it("answers kube's Success Status for an object gone", async () => {
      const { handler, scope, stored } = await setup();
      const uid = (await stored()).metadata.uid;
      const answer = await handler.delete(scope('w'), {});
      expect(answer).toMatchObject({
        deleted: true,
        status: {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Success',
          details: { name: 'w', group: 'example.com', kind: 'widgets', uid },
        },
      });
    });

    it.each([
      { name: 'an unknown policy', options: { propagationPolicy: 'Later' } },
      { name: 'both orphanDependents and a policy', options: { propagationPolicy: 'Orphan', orphanDependents: true } },
    ])('answers 422 about the DeleteOptions for $name and keeps the object', async ({ options }) => {
      const { handler, scope, stored } = await setup();
      for (const call of [
        handler.delete(scope('w'), options),
        handler.deleteCollection(scope(), parseListOptions({}), options),
      ]) {
        const e = await statusOf(call);
        expect(e.code).toBe(422);
        expect(e.message).toMatch(/^DeleteOptions\.meta\.k8s\.io "" is invalid: propagationPolicy: /);
      }
      expect(await stored()).toBeDefined();
    });

    it('a dry-run delete keeps the object', async () => {
      const { handler, scope, stored } = await setup();
      await handler.delete(scope('w'), { dryRun: true });
      expect(await stored()).toBeDefined();
    });

    it.each(['status', 'scale'])('refuses a DELETE of /%s with 405 and keeps the object', async (sub) => {
      const { handler, scope, stored } = await setup();
      const e = await statusOf(handler.delete(scope('w', sub), {}));
      expect({ code: e.code, message: e.message }).toEqual({
        code: 405,
        message: 'the server does not allow this method on the requested resource',
      });
      expect((await stored()).metadata.name).toBe('w');
    });

    it('answers 404 for a DELETE of a subresource the kind lacks', async () => {
      const { handler, scope, stored } = await setup();
      expect((await statusOf(handler.delete(scope('w', 'approval'), {}))).code).toBe(404);
      expect((await stored()).metadata.name).toBe('w');
    });

    it('refuses a DELETE of a collection of a subresource with 405 and keeps every object', async () => {
      const { handler, scope, stored } = await setup();
      const e = await statusOf(handler.deleteCollection(scope(undefined, 'status'), parseListOptions({}), {}));
      expect(e.code).toBe(405);
      expect((await stored()).metadata.name).toBe('w');
    });

    it('deletes a collection and answers the deleted objects', async () => {
      const { handler, scope, entry } = await setup();
      await handler.create(scope(), widget());
      const list = await handler.deleteCollection(scope(), parseListOptions({}), {});
      expect(list.items.map((w) => w.metadata.name)).toEqual(['w', 'x']);
      await expect(entry.store.get('ns', 'w')).rejects.toMatchObject({ code: 404 });
    });
  });
});
