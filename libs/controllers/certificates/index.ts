// The certificate controller: approves and signs node client certificate requests.
export { approvalFor, approveNodeClient } from './approve-node-client.step';
export type { ApprovalDecision, CsrStep, WriteStatus } from './approve-node-client.step';
export { CERTIFICATE_CONTROLLER_USER, reconcileCsr, startCertificateController } from './certificate.reconciler';
export type { CertificateController, CertificateControllerDeps } from './certificate.reconciler';
export { readNodeClientRequest } from './node-client-request';
export type { NodeClientRequest } from './node-client-request';
export { signingDays, signKubeletClient } from './sign-kubelet-client.step';
export type { SignRequest } from './sign-kubelet-client.step';
