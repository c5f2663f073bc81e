// The selector the system default constraints spread a pod by, as kube's DefaultSelector: the
// selectors of the Services selecting the pod, and that of the ReplicaSet controlling it (the
// project has no ReplicationControllers or StatefulSets yet), ANDed. Empty when none applies.
import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod, Service } from '@kubenest/api/core/types';
import {
  type LabelRequirement,
  type LabelSelector,
  labelSelectorFromObject,
  labelSelectorOf,
} from '@kubenest/apimachinery/selectors/label-selector';
import type { Lister } from '@kubenest/controllers';

export interface WorkloadListers {
  services: Lister<Service>;
  replicaSets: Lister<ReplicaSet>;
}

const selects = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === v);

const replicaSetRequirements = (pod: Pod, replicaSets: Lister<ReplicaSet>): readonly LabelRequirement[] => {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (owner?.apiVersion !== 'apps/v1' || owner.kind !== 'ReplicaSet') return [];
  const rs = replicaSets.get(pod.metadata.namespace, owner.name);
  if (!rs) return [];
  try {
    return labelSelectorFromObject(rs.spec?.selector).requirements;
  } catch {
    return [];
  }
};

export const defaultSelector = (pod: Pod, listers: WorkloadListers): LabelSelector => {
  const labels = pod.metadata.labels ?? {};
  const merged: Record<string, string> = {};
  // A Service without a selector selects nothing, not everything.
  for (const service of listers.services.list({ namespace: pod.metadata.namespace ?? '' })) {
    const selector = service.spec?.selector;
    if (selector && selects(selector, labels)) Object.assign(merged, selector);
  }
  const requirements: LabelRequirement[] = Object.entries(merged).map(([key, value]) => ({
    key,
    operator: '=',
    values: [value],
  }));
  return labelSelectorOf([...requirements, ...replicaSetRequirements(pod, listers.replicaSets)]);
};
