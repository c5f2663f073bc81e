// The certificate controller: approves node client certificate requests and signs approved client
// certificate requests (nodes' and users').
export { approvalFor, approveNodeClient, NODE_IDENTITY_IN_USE } from './approve-node-client.step';
export type { ApprovalDecision, CsrStep, WriteCsr } from './approve-node-client.step';
export {
  CERTIFICATE_CONTROLLER_USER,
  reconcileCsr,
  startCertificateController,
  writeCsrThrough,
} from './certificate.reconciler';
export type { CertificateController, CertificateControllerDeps } from './certificate.reconciler';
export { readApiserverClientRequest } from './apiserver-client-request';
export type { ClientRequest } from './client-request';
export { readNodeClientRequest } from './node-client-request';
export type { NodeClientRequest } from './node-client-request';
export { signClientCertificates, signingDays } from './sign-client-certificate.step';
export type { SignRequest } from './sign-client-certificate.step';
