// The garbage collector through the real kubectl: `kubectl delete --cascade=background|foreground|orphan`
// on owners given to ConfigMaps, Secrets and Pods by hand (no workload loop involved), dangling owners,
// dependents with two owners, and an owner named across namespaces.
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';

let server: KubenestServer;
let kubectl: Kubectl;

beforeAll(async () => {
  server = await startKubenest();
  kubectl = new Kubectl(server.kubeconfig);
});

afterAll(async () => {
  await server?.stop();
});

interface Ref {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  blockOwnerDeletion?: boolean;
}

const uidOf = async (kind: string, name: string, namespace = 'default'): Promise<string> =>
  (await kubectl.ok(['-n', namespace, 'get', kind, name, '-o', 'jsonpath={.metadata.uid}'])).trim();

const owner = async (name: string, namespace = 'default'): Promise<Ref> => {
  await kubectl.ok(['-n', namespace, 'create', 'configmap', name]);
  return { apiVersion: 'v1', kind: 'ConfigMap', name, uid: await uidOf('configmap', name, namespace) };
};

const apply = (obj: object) => kubectl.ok(['create', '-f', '-'], { input: JSON.stringify(obj) });

const configMap = (name: string, owners: Ref[], extra: object = {}, namespace = 'default') =>
  apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ownerReferences: owners, ...extra } });

const secret = (name: string, owners: Ref[], extra: object = {}) =>
  apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'default', ownerReferences: owners, ...extra },
  });

/** A pod no node can take: it never runs, so its delete is immediate. */
const pod = (name: string, owners: Ref[]) =>
  apply({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ownerReferences: owners },
    spec: {
      nodeSelector: { 'example.com/nowhere': 'true' },
      containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }],
    },
  });

const get = async (kind: string, name: string, namespace = 'default') => {
  const result = await kubectl.run(['-n', namespace, 'get', kind, name, '-o', 'json']);
  return result.code === 0 ? JSON.parse(result.stdout) : undefined;
};

const gone = (kind: string, name: string, namespace = 'default') =>
  waitFor(`${kind} ${name} to be deleted`, async () => (await get(kind, name, namespace)) === undefined, 20_000);

describe('garbage collector', () => {
  it('--cascade=background deletes the owner at once and its dependents after', async () => {
    const o = await owner('bg-owner');
    await configMap('bg-cm', [o]);
    await secret('bg-secret', [o]);
    await pod('bg-pod', [o]);
    await kubectl.ok(['delete', 'configmap', 'bg-owner', '--cascade=background']);
    expect(await get('configmap', 'bg-owner')).toBeUndefined();
    await gone('configmap', 'bg-cm');
    await gone('secret', 'bg-secret');
    await gone('pod', 'bg-pod');
  });

  it('--cascade=foreground keeps the owner, marked, until its blocking dependents are gone; kubectl waits', async () => {
    const o = await owner('fg-owner');
    // The finalizer holds the dependent (and so the owner) until the test lets it go.
    await secret('fg-blocker', [{ ...o, blockOwnerDeletion: true }], { finalizers: ['example.com/hold'] });
    await configMap('fg-cm', [o]);
    const deleting = kubectl.run(['delete', 'configmap', 'fg-owner', '--cascade=foreground', '--timeout=60s'], {
      timeoutMs: 70_000,
    });
    await gone('configmap', 'fg-cm');
    await waitFor(
      'the blocking dependent to be marked',
      async () => !!(await get('secret', 'fg-blocker'))?.metadata.deletionTimestamp,
    );
    const held = await get('configmap', 'fg-owner');
    expect(held.metadata.deletionTimestamp).toBeDefined();
    expect(held.metadata.finalizers).toEqual(['foregroundDeletion']);

    await kubectl.ok(['patch', 'secret', 'fg-blocker', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    const result = await deleting;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('configmap "fg-owner" deleted');
    expect(await get('configmap', 'fg-owner')).toBeUndefined();
    expect(await get('secret', 'fg-blocker')).toBeUndefined();
  });

  it('--cascade=orphan deletes the owner and leaves its dependents without the reference', async () => {
    const o = await owner('or-owner');
    const other = await owner('or-other');
    await configMap('or-cm', [o, other]);
    await secret('or-secret', [o]);
    await kubectl.ok(['delete', 'configmap', 'or-owner', '--cascade=orphan'], { timeoutMs: 30_000 });
    await gone('configmap', 'or-owner');
    expect((await get('configmap', 'or-cm')).metadata.ownerReferences).toEqual([other]);
    expect((await get('secret', 'or-secret')).metadata.ownerReferences ?? []).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await get('secret', 'or-secret')).toBeDefined();
  });

  it('deletes a dependent whose owner never existed, or exists under another UID', async () => {
    await configMap('dangling', [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'nobody', uid: '6d1ab0d4-0000-4000-8000-000000000001' },
    ]);
    const present = await owner('present');
    await configMap('wrong-uid', [{ ...present, uid: '6d1ab0d4-0000-4000-8000-000000000002' }]);
    await gone('configmap', 'dangling');
    await gone('configmap', 'wrong-uid');
    expect(await get('configmap', 'present')).toBeDefined();
  });

  it('keeps a dependent with two owners while one remains', async () => {
    const a = await owner('two-a');
    const b = await owner('two-b');
    await configMap('two-dep', [a, b]);
    await kubectl.ok(['delete', 'configmap', 'two-a']);
    await waitFor('the reference to the deleted owner to go', async () => {
      const refs = (await get('configmap', 'two-dep'))?.metadata.ownerReferences ?? [];
      return refs.length === 1 && refs[0].uid === b.uid;
    });
    await kubectl.ok(['delete', 'configmap', 'two-b']);
    await gone('configmap', 'two-dep');
  });

  it('deletes a namespaced dependent of a cluster-scoped owner once the owner is gone', async () => {
    await kubectl.ok(['create', 'namespace', 'gc-owner-ns']);
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      name: 'gc-owner-ns',
      uid: await uidOf('namespace', 'gc-owner-ns'),
    };
    await configMap('owned-by-ns', [ns]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await get('configmap', 'owned-by-ns')).toBeDefined();
    await kubectl.ok(['delete', 'namespace', 'gc-owner-ns'], { timeoutMs: 30_000 });
    await gone('configmap', 'owned-by-ns');
  });

  it('reports a dependent naming an owner in another namespace, and deletes it', async () => {
    await kubectl.ok(['create', 'namespace', 'gc-elsewhere']);
    const foreign = await owner('foreign', 'gc-elsewhere');
    // The owner is seen first, so the graph knows it lives elsewhere.
    await new Promise((r) => setTimeout(r, 500));
    await configMap('misplaced', [foreign]);
    await gone('configmap', 'misplaced');
    await waitFor('the OwnerRefInvalidNamespace event', async () => {
      const events = JSON.parse(
        await kubectl.ok(['get', 'events', '-o', 'json', '--field-selector', 'reason=OwnerRefInvalidNamespace']),
      );
      return events.items.some((e: { involvedObject: { name: string } }) => e.involvedObject.name === 'misplaced');
    });
    expect(await get('configmap', 'foreign', 'gc-elsewhere')).toBeDefined();
  });

  it('refuses an unknown propagationPolicy with 422, and orphanDependents with a policy', async () => {
    await owner('kept');
    const bad = await kubectl.run([
      'delete',
      '--raw',
      '/api/v1/namespaces/default/configmaps/kept?propagationPolicy=Later',
    ]);
    expect(bad.code).not.toBe(0);
    // kubectl's rendering of a 422 Invalid.
    expect(bad.stderr).toContain('The DeleteOptions "" is invalid: propagationPolicy: Unsupported value: "Later"');
    const both = await kubectl.run([
      'delete',
      '--raw',
      '/api/v1/namespaces/default/configmaps/kept?propagationPolicy=Orphan&orphanDependents=true',
    ]);
    expect(both.stderr).toContain('orphanDependents and deletionPropagation cannot be both set');
    expect(await get('configmap', 'kept')).toBeDefined();
  });
});
