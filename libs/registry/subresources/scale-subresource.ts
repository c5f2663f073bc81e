// The /scale subresource: an autoscaling/v1 Scale view of a resource's replicas, read and written
// through the strategy's ScaleStrategy, as kube's ScaleREST for deployments and replica sets.
import { GroupVersionKind, KubeObject, StatusError } from '@kubenest/apimachinery';
import type { ScaleStrategy } from '../strategy';
import { Subresource } from './subresource';

export const SCALE_KIND: GroupVersionKind = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

export interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

export const toScale = (obj: KubeObject, scale: ScaleStrategy): Scale => ({
  kind: 'Scale',
  apiVersion: 'autoscaling/v1',
  metadata: {
    name: obj.metadata.name,
    namespace: obj.metadata.namespace,
    uid: obj.metadata.uid,
    resourceVersion: obj.metadata.resourceVersion,
    creationTimestamp: obj.metadata.creationTimestamp,
  },
  spec: { replicas: scale.specReplicas(obj) },
  status: { replicas: scale.statusReplicas(obj), selector: scale.selector(obj) },
});

/** Writes a changed Scale back onto its object; the Scale's resourceVersion pins the object's. */
export const applyScale = (obj: KubeObject, desired: Scale, scale: ScaleStrategy): KubeObject => {
  const replicas = desired.spec?.replicas;
  if (replicas === undefined || !Number.isInteger(replicas) || replicas < 0) {
    throw StatusError.invalid({ group: 'autoscaling', kind: 'Scale' }, obj.metadata.name ?? '', [
      {
        type: 'FieldValueInvalid',
        field: 'spec.replicas',
        message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
      },
    ]);
  }
  scale.setSpecReplicas(obj, replicas);
  if (desired.metadata?.resourceVersion) obj.metadata.resourceVersion = desired.metadata.resourceVersion;
  return obj;
};

/** A write of the Scale is an update of the main resource: its strategy and admission see the whole object. */
export const scaleSubresource = (scale: ScaleStrategy): Subresource => ({
  kind: SCALE_KIND,
  get: async ({ store, namespace, name }) => toScale(await store.get(namespace, name), scale),
  update: async ({ store, namespace, name }, updateFn, ctx) => {
    const { object } = await store.update(
      namespace,
      name,
      (current) => applyScale(current!, updateFn(toScale(current!, scale)) as Scale, scale),
      ctx,
    );
    return toScale(object, scale);
  },
});
