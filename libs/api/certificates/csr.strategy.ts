// certificates.k8s.io/v1 CertificateSigningRequest: cluster-scoped; the spec is fixed at creation
// (its requester fields come from the authenticated user, see the CsrRequester admission plugin)
// and status (conditions, certificate) is written through /status by approvers and signers.
import type { Strategy } from '@kubenest/registry';
import { validateObjectMetaUpdate } from '@kubenest/apimachinery/validation';
import { validateBuiltinMeta } from '../common/builtin-meta';
import { csrColumns } from './csr-columns';
import { csrNameProblems, validateCsrSpec, validateCsrStatusUpdate } from './csr-validation';
import { CertificateSigningRequest, CsrCondition } from './types';

const clearRequester = (csr: CertificateSigningRequest): void => {
  if (!csr.spec) return;
  delete csr.spec.username;
  delete csr.spec.uid;
  delete csr.spec.groups;
  delete csr.spec.extra;
};

/**
 * As kube's status strategy: a condition's status defaults to True, lastUpdateTime to now, and
 * lastTransitionTime to now unless the same condition kept its status.
 */
export const populateConditionTimes = (conditions: CsrCondition[], old: CsrCondition[], now: string): void => {
  for (const condition of conditions) {
    condition.status ||= 'True';
    condition.lastUpdateTime ??= now as never;
    if (condition.lastTransitionTime) continue;
    const before = old.find((c) => c.type === condition.type);
    condition.lastTransitionTime = (
      before && before.status === condition.status && before.lastTransitionTime ? before.lastTransitionTime : now
    ) as never;
  }
};

const nowSeconds = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export const csrStrategy: Strategy<CertificateSigningRequest> = {
  kind: {
    group: 'certificates.k8s.io',
    version: 'v1',
    kind: 'CertificateSigningRequest',
    plural: 'certificatesigningrequests',
    singular: 'certificatesigningrequest',
    shortNames: ['csr'],
  },
  namespaced: false,
  prepareForCreate: (csr) => {
    delete csr.status;
    clearRequester(csr);
  },
  // Only metadata changes through the main resource; spec and status are kept, as kube does.
  prepareForUpdate: (csr, old) => {
    csr.spec = old.spec;
    if (old.status === undefined) delete csr.status;
    else csr.status = old.status;
  },
  validate: (csr) => [
    ...validateBuiltinMeta(csr.metadata, { namespaced: false, nameValidator: csrNameProblems }),
    ...validateCsrSpec(csr),
  ],
  validateUpdate: (csr, old) => validateObjectMetaUpdate(csr.metadata, old.metadata),
  // Until the registry serves /approval, status also carries the Approved and Denied conditions;
  // only the certificate controller's identity is authorized to write it.
  status: {
    prepareForUpdate: (csr, old) => {
      csr.spec = old.spec;
      populateConditionTimes(csr.status?.conditions ?? [], old.status?.conditions ?? [], nowSeconds());
    },
    validateUpdate: (csr, old) => [
      ...validateObjectMetaUpdate(csr.metadata, old.metadata),
      ...validateCsrStatusUpdate(csr, old),
    ],
  },
  columns: csrColumns,
  fieldSelectors: {
    'spec.signerName': (csr) => csr.spec?.signerName,
  },
};
