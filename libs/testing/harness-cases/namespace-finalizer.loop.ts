// A loop for the harness's own tests: finalizes a namespace being deleted at once (no content is
// deleted), with the grants it and the loop manager need, as a test's RBAC objects would give them.
import type { Namespace } from '@kubenest/api/core/types';
import type { PolicyBinding } from '@kubenest/auth';
import { resources } from '@kubenest/client';
import { defineLoop } from '@kubenest/controllers';

const IDENTITY = 'system:serviceaccount:kube-system:test-namespace-finalizer';
const MANAGER = 'system:kube-controller-manager';

export const namespaceFinalizerLoop = defineLoop<Namespace>({
  name: 'test-namespace-finalizer',
  identity: IDENTITY,
  for: 'v1/namespaces',
  reconcile:
    ({ client }) =>
    async (ns) => {
      if (!ns.metadata.deletionTimestamp) return;
      const finalized: Namespace = { ...ns, spec: { ...ns.spec, finalizers: [] } };
      await client.resource<Namespace>(resources.namespaces).updateSubresource('finalize', finalized);
    },
});

export const namespaceFinalizerGrants: PolicyBinding[] = [
  {
    users: [IDENTITY, MANAGER],
    rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['namespaces'] }],
  },
  { users: [IDENTITY], rules: [{ verbs: ['update'], apiGroups: [''], resources: ['namespaces/finalize'] }] },
  {
    users: [MANAGER],
    rules: [
      { verbs: ['get', 'create', 'update'], apiGroups: ['coordination.k8s.io'], resources: ['leases'] },
      { verbs: ['create'], apiGroups: [''], resources: ['events'] },
    ],
  },
];
