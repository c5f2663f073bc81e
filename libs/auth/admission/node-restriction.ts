// As kube-apiserver's NodeRestriction admission plugin, on the object the authorizer cannot see:
// a node creates and changes only its own Node and Lease, and changes or deletes only the pods
// bound to it (spec.nodeName).
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { AdmissionAttributes, AdmissionPlugin } from '@kubenest/registry';
import { NODE_LEASE_NAMESPACE, nodeNameOf } from '../authz/node-authorizer';

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
    if (group === '' && kind === 'Node' && a.name !== node) {
      throw deny(`node "${node}" is not allowed to modify node "${a.name}"`);
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
