// pods/binding as kube's BindingREST: a pending pod gets its node once, with PodScheduled=True
// and the binding's annotations; anything else is refused with kube's answer.
import { KubeObject } from '@kubenest/apimachinery';
import { AdmissionAttributes, AdmissionChain, GenericStore, Strategy } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { statusOf } from '@kubenest/registry/generic-store.testing';
import { podBinding } from './pod-binding';
import { podStrategy } from './pod.strategy';
import { Pod } from '../types';

const binding = (overrides: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Binding',
  metadata: { name: 'web', namespace: 'ns' },
  target: { kind: 'Node', name: 'n1' },
  ...overrides,
});

const setup = async (pod: Partial<Pod> = {}) => {
  const seen: AdmissionAttributes[] = [];
  const admission = new AdmissionChain([{ name: 'Seen', admit: async (a) => void seen.push(a) }]);
  const store = new GenericStore(podStrategy as Strategy, new FakeStore(), admission);
  await store.create('ns', {
    metadata: { name: 'web', ...pod.metadata },
    spec: { containers: [{ name: 'c', image: 'busybox' }], ...pod.spec },
  });
  seen.length = 0;
  const target = { store, namespace: 'ns', name: 'web' };
  return { store, target, seen, get: async () => (await store.get('ns', 'web')) as Pod };
};

describe('pods/binding', () => {
  it('assigns the pod to the node, PodScheduled=True, and answers 201 Success', async () => {
    const { target, get, seen } = await setup();
    const user = { name: 'system:kube-scheduler', groups: [] };
    const answer = await podBinding.create!(target, binding({ metadata: { name: 'web', annotations: { a: 'b' } } }), {
      user,
    });
    expect(answer).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const pod = await get();
    expect(pod.spec?.nodeName).toBe('n1');
    expect(pod.metadata.annotations).toEqual({ a: 'b' });
    expect(pod.status?.conditions).toEqual([
      expect.objectContaining({ type: 'PodScheduled', status: 'True', lastTransitionTime: expect.any(String) }),
    ]);
    expect(seen[0]).toMatchObject({ operation: 'UPDATE', subresource: 'binding', user });
  });

  it('a dry run binds nothing', async () => {
    const { target, get } = await setup();
    await podBinding.create!(target, binding(), { dryRun: true });
    expect((await get()).spec?.nodeName).toBeUndefined();
  });

  it.each([
    {
      name: 'a pod already on a node',
      pod: { spec: { nodeName: 'n0' } },
      body: binding(),
      code: 409,
      message: 'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "n0"',
    },
    {
      name: 'a name other than the URL’s',
      pod: {},
      body: binding({ metadata: { name: 'other' } }),
      code: 400,
      message: 'name in URL does not match name in Binding object',
    },
    {
      name: 'no target node',
      pod: {},
      body: binding({ target: { kind: 'Node' } }),
      code: 422,
      message: 'target.name: Required value',
    },
    {
      name: 'a target that is not a node',
      pod: {},
      body: binding({ target: { kind: 'Pod', name: 'x' } }),
      code: 422,
      message: 'target.kind: Unsupported value: "Pod"',
    },
    {
      name: 'another pod’s uid',
      pod: {},
      body: binding({ metadata: { name: 'web', uid: 'not-this-one' } }),
      code: 409,
      message: 'Precondition failed: UID in precondition: not-this-one',
    },
  ])('refuses $name', async ({ pod, body, code, message }) => {
    const { target, get } = await setup(pod as Partial<Pod>);
    const before = await get();
    const e = await statusOf(podBinding.create!(target, body, {}));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
    expect(await get()).toEqual(before);
  });

  it('refuses a pod that does not exist with 404', async () => {
    const { store } = await setup();
    const e = await statusOf(
      podBinding.create!({ store, namespace: 'ns', name: 'gone' }, binding({ metadata: { name: 'gone' } }), {}),
    );
    expect(e.code).toBe(404);
  });

  it('refuses a pod being deleted', async () => {
    const { store, target } = await setup({ metadata: { finalizers: ['example.com/hold'] } });
    await store.delete('ns', 'web');
    const e = await statusOf(podBinding.create!(target, binding(), {}));
    expect(e.code).toBe(409);
    expect(e.message).toContain('pod web is being deleted, cannot be assigned to a host');
  });
});
