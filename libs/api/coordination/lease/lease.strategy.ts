// coordination.k8s.io/v1 Lease: heartbeats of nodes and the leader election of controllers.
import type { ILease } from 'kubernetes-models/coordination.k8s.io/v1/Lease';
import type { Strategy } from '@kubenest/registry';
import { FieldError, invalid } from '@kubenest/apimachinery';
import { nameIsDNSSubdomain, validateNonnegativeField } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column } from '../../common/columns';
import { Kube } from '../../common/kube-types';

export type Lease = Kube<ILease>;

const validateLeaseSpec = (lease: Lease): FieldError[] => {
  const spec = lease.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions !== undefined)
    errs.push(...validateNonnegativeField(spec.leaseTransitions, 'spec.leaseTransitions'));
  return errs;
};

export const leaseStrategy: Strategy<Lease> = {
  kind: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', singular: 'lease' },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  allowCreateOnUpdate: true,
  validate: (lease) => validateLeaseSpec(lease),
  columns: [
    column('Holder', (lease) => lease.spec?.holderIdentity ?? '', {
      description: 'The identity of the holder of the lease.',
    }),
    ageColumn,
  ],
};
