// pods/eviction as kube's EvictionREST with no PodDisruptionBudget in the cluster: the pod is
// deleted with the eviction's deleteOptions and the answer is 201 Success.
import { KubeObject } from '@kubenest/apimachinery';
import { AdmissionAttributes, AdmissionChain, GenericStore, Strategy } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { statusOf } from '@kubenest/registry/generic-store.testing';
import { podEviction } from './pod-eviction';
import { podStrategy } from './pod.strategy';
import { Pod } from '../types';

const eviction = (overrides: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'Eviction',
  metadata: { name: 'web', namespace: 'ns' },
  ...overrides,
});

const setup = async (spec: Partial<NonNullable<Pod['spec']>> = {}) => {
  const seen: AdmissionAttributes[] = [];
  const admission = new AdmissionChain([{ name: 'Seen', validate: async (a) => void seen.push(a) }]);
  const store = new GenericStore(podStrategy as Strategy, new FakeStore(), admission);
  await store.create('ns', {
    metadata: { name: 'web' },
    spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
  });
  seen.length = 0;
  const target = { store, namespace: 'ns', name: 'web' };
  const current = () => store.get('ns', 'web').catch(() => undefined) as Promise<Pod | undefined>;
  return { target, current, seen };
};

describe('pods/eviction', () => {
  it('deletes a pending pod and answers 201 Success', async () => {
    const { target, current, seen } = await setup();
    const user = { name: 'admin', groups: [] };
    expect(await podEviction.create!(target, eviction(), { user })).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      code: 201,
    });
    expect(await current()).toBeUndefined();
    expect(seen[0]).toMatchObject({ operation: 'DELETE', name: 'web', user });
  });

  it("marks a running pod with the eviction's grace period", async () => {
    const { target, current } = await setup({ nodeName: 'n1' });
    await podEviction.create!(target, eviction({ deleteOptions: { gracePeriodSeconds: 7 } }), {});
    expect((await current())?.metadata.deletionGracePeriodSeconds).toBe(7);
  });

  it.each([
    { name: 'the request', body: eviction(), ctx: { dryRun: true } },
    { name: 'its deleteOptions', body: eviction({ deleteOptions: { dryRun: ['All'] } }), ctx: {} },
    { name: 'both', body: eviction({ deleteOptions: { dryRun: ['All'] } }), ctx: { dryRun: true } },
  ])('a dry run asked by $name deletes nothing', async ({ body, ctx }) => {
    const { target, current } = await setup();
    await podEviction.create!(target, body, ctx);
    expect(await current()).toBeDefined();
  });

  it.each([
    {
      name: 'a name other than the URL’s',
      body: eviction({ metadata: { name: 'other' } }),
      code: 400,
      message: 'name in URL does not match name in Eviction object',
    },
    {
      name: 'a stale uid precondition',
      body: eviction({ deleteOptions: { preconditions: { uid: 'old' } } }),
      code: 409,
      message: 'the UID in the precondition (old) does not match',
    },
    {
      name: 'an unknown dry-run value',
      body: eviction({ deleteOptions: { dryRun: ['Some'] } }),
      code: 400,
      message: 'unsupported dry run value: "Some"',
    },
  ])('refuses $name and keeps the pod', async ({ body, code, message }) => {
    const { target, current } = await setup();
    const e = await statusOf(podEviction.create!(target, body, {}));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
    expect(await current()).toBeDefined();
  });

  it('answers 404 for a pod that does not exist', async () => {
    const { target } = await setup();
    const e = await statusOf(
      podEviction.create!({ ...target, name: 'gone' }, eviction({ metadata: { name: 'gone' } }), {}),
    );
    expect(e.code).toBe(404);
  });
});
