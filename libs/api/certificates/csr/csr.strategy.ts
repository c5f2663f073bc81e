// certificates.k8s.io/v1 CertificateSigningRequest: cluster-scoped; the spec is fixed at creation
// (its requester fields come from the authenticated user, see the CsrRequester admission plugin);
// approvers decide through /approval, signers write the certificate (or Failed) through /status.
import type { Strategy } from '@kubenest/registry';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { csrColumns } from './csr-columns';
import { validateCsrApprovalUpdate, validateCsrStatusUpdate } from './csr-status-validation';
import { prepareApprovalUpdate, prepareStatusUpdate } from './csr-status-writes';
import { csrNameProblems, validateCsrSpec } from './csr-validation';
import { CertificateSigningRequest } from '../types';

const clearRequester = (csr: CertificateSigningRequest): void => {
  if (!csr.spec) return;
  delete csr.spec.username;
  delete csr.spec.uid;
  delete csr.spec.groups;
  delete csr.spec.extra;
};

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
  nameValidator: csrNameProblems,
  validateFinalizerName: validateKubeFinalizerName,
  prepareForCreate: (csr) => {
    delete csr.status;
    clearRequester(csr);
  },
  // Only metadata changes through the main resource; spec and status are kept, as kube does.
  resetFields: { fields: ['spec', 'status'] },
  validate: (csr) => validateCsrSpec(csr),
  status: {
    resetFields: { fields: ['spec'] },
    prepareForUpdate: prepareStatusUpdate,
    validateUpdate: (csr, old) => validateCsrStatusUpdate(csr, old),
  },
  updateSubresources: {
    approval: {
      resetFields: { fields: ['spec', 'status.certificate'] },
      prepareForUpdate: prepareApprovalUpdate,
      validateUpdate: (csr, old) => validateCsrApprovalUpdate(csr, old),
    },
  },
  columns: csrColumns,
  fieldSelectors: {
    'spec.signerName': (csr) => csr.spec?.signerName,
  },
};
