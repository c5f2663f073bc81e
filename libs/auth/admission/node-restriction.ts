// As kube-apiserver's NodeRestriction admission plugin, on the object the authorizer cannot see:
// a node creates and changes only its own Node (without restricted labels, its taints untouched
// once created) and Lease, and changes or deletes only the pods bound to it (spec.nodeName).
import { isDeepStrictEqual } from 'node:util';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { AdmissionAttributes, AdmissionPlugin } from '@kubenest/registry';
import { NODE_LEASE_NAMESPACE, nodeNameOf } from '../authz/node-authorizer';
import { restrictedLabelChanges } from './restricted-node-labels';

const taintsOf = (obj: KubeObject | undefined): unknown =>
  (obj?.spec as { taints?: unknown } | undefined)?.taints ?? [];

const boundNode = (pod: KubeObject | undefined): string | undefined =>
  (pod?.spec as { nodeName?: string } | undefined)?.nodeName;

export class NodeRestriction implements AdmissionPlugin {
  readonly name = 'NodeRestriction';

  async validate(a: AdmissionAttributes): Promise<void> {
    const node = a.user && nodeNameOf(a.user);
    if (node === undefined) return;
    const deny = (message: string) =>
      StatusError.forbidden({ group: a.kind.group, resource: a.kind.plural }, a.name, message);
    const { group, kind } = a.kind;
    if (group === '' && kind === 'Node') {
      if (a.name !== node) throw deny(`node "${node}" is not allowed to modify node "${a.name}"`);
      // Labels steer workloads: a node must not give itself a role or a trust it was not given.
      if (a.operation === 'CREATE') {
        const restricted = restrictedLabelChanges(a.object?.metadata.labels);
        if (restricted.length > 0) {
          throw deny(`node "${node}" is not allowed to set the following labels: ${restricted.join(', ')}`);
        }
      }
      if (a.operation === 'UPDATE') {
        const restricted = restrictedLabelChanges(a.object?.metadata.labels, a.oldObject?.metadata.labels);
        if (restricted.length > 0) throw deny(`is not allowed to modify labels: ${restricted.join(', ')}`);
        // Its taints are the node lifecycle loop's and the admins': a node lifting its own unreachable
        // or NoSchedule taint would keep pods on it, or draw pods it should not run.
        if (!isDeepStrictEqual(taintsOf(a.object), taintsOf(a.oldObject))) {
          throw deny(`node "${node}" is not allowed to modify taints`);
        }
      }
    }
    if (
      group === 'coordination.k8s.io' &&
      kind === 'Lease' &&
      a.namespace === NODE_LEASE_NAMESPACE &&
      a.name !== node
    ) {
      throw deny(`node "${node}" can only access its own node lease, not "${a.name}"`);
    }
    if (group === '' && kind === 'Pod') {
      const bound = boundNode(a.oldObject ?? a.object);
      if (bound !== node) throw deny(`node "${node}" can only modify pods with spec.nodeName set to itself`);
    }
  }
}
