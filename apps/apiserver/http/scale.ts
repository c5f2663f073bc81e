// The /scale subresource: an autoscaling/v1 Scale view of a resource's replicas.
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { ScaleStrategy } from '@kubenest/registry';

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
