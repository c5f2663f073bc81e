// pods/binding: a POST of a v1 Binding assigns a pending pod to a node, as kube's BindingREST does
// for the scheduler: spec.nodeName set once, the binding's annotations merged, PodScheduled=True.
import { KubeObject, StatusError, metaTime, notSupported, required } from '@kubenest/apimachinery';
import { Subresource, createdStatus } from '@kubenest/registry';
import { Pod } from '../types';

export interface Binding extends KubeObject {
  target?: { kind?: string; name?: string };
}

type PodCondition = NonNullable<NonNullable<Pod['status']>['conditions']>[number];

const BINDING_KIND = { group: '', version: 'v1', kind: 'Binding' };
const bindingResource = { group: '', resource: 'pods/binding' };

// As kube's ValidatePodBinding. kube answers these as a 500 (its aggregate error is no Status); a
// 422 on the Binding says the same thing as the client error it is.
const bindingErrors = (binding: Binding) => [
  ...(binding.target?.kind && binding.target.kind !== 'Node'
    ? [notSupported('target.kind', binding.target.kind, ['Node', '<empty>'])]
    : []),
  ...(binding.target?.name ? [] : [required('target.name')]),
];

/** As kube's UpdatePodCondition: the transition time moves only when the status does. */
const scheduledCondition = (conditions: PodCondition[] = []): PodCondition[] => {
  const old = conditions.find((c) => c.type === 'PodScheduled');
  const now = metaTime() as never;
  const scheduled: PodCondition = {
    ...old,
    type: 'PodScheduled',
    status: 'True',
    lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : now,
  };
  return old ? conditions.map((c) => (c === old ? scheduled : c)) : [...conditions, scheduled];
};

/** The pod bound to the node: the whole update happens here, so the write keeps all of it. */
const bindPod = (pod: Pod, binding: Binding): Pod => {
  const name = pod.metadata.name!;
  const conflict = (detail: string) => StatusError.conflict(bindingResource, name, detail);
  if (binding.metadata.uid && binding.metadata.uid !== pod.metadata.uid) {
    throw conflict(
      `Precondition failed: UID in precondition: ${binding.metadata.uid}, UID in object meta: ${pod.metadata.uid}`,
    );
  }
  if (pod.metadata.deletionTimestamp) throw conflict(`pod ${name} is being deleted, cannot be assigned to a host`);
  if (pod.spec?.nodeName)
    throw conflict(`pod ${name} is already assigned to node ${JSON.stringify(pod.spec.nodeName)}`);
  pod.spec = { ...pod.spec!, nodeName: binding.target!.name };
  if (binding.metadata.annotations) {
    pod.metadata.annotations = { ...pod.metadata.annotations, ...binding.metadata.annotations };
  }
  pod.status = { ...pod.status, conditions: scheduledCondition(pod.status?.conditions) };
  return pod;
};

export const podBinding: Subresource = {
  kind: BINDING_KIND,
  create: async ({ store, namespace, name }, body, ctx) => {
    const binding = body as Binding;
    if (binding.metadata.name !== name) {
      throw StatusError.badRequest('name in URL does not match name in Binding object');
    }
    const errors = bindingErrors(binding);
    if (errors.length) throw StatusError.invalid(BINDING_KIND, name, errors);
    // Admission sees an update of pods/binding whose object is the bound pod.
    await store.update(namespace, name, (pod) => bindPod(pod as Pod, binding), {
      ...ctx,
      subresource: 'binding',
      writes: { prepareForUpdate: () => undefined },
    });
    return createdStatus();
  },
};
