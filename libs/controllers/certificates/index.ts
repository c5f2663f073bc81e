// The certificate loop: approves node client certificate requests (none for a live node's name,
// as its lease's renewals tell) and signs approved client certificate requests (nodes' and users').
export { approvalFor, approveNodeClient, NODE_IDENTITY_IN_USE } from './approve-node-client.step';
export type { ApprovalDecision, CsrStep, WriteCsr } from './approve-node-client.step';
export { CERTIFICATE_CONTROLLER, certificateLoop } from './certificate.loop';
export type { CertificateLoopOptions } from './certificate.loop';
export { reconcileCsr, writeCsrThrough } from './certificate.reconciler';
export { DEFAULT_NODE_MONITOR_GRACE_PERIOD_SECONDS, LeaseObservations } from './lease-observations';
export type { LeaseRenewal } from './lease-observations';
export { startLeaseObserver } from './lease-observer';
export type { LeaseObserver, LeaseObserverDeps } from './lease-observer';
export { nodeLiveness } from './node-liveness';
export type { LeaseRenewals, LiveNode, NodeLiveness } from './node-liveness';
export { readApiserverClientRequest } from './apiserver-client-request';
export type { ClientRequest } from './client-request';
export { readNodeClientRequest } from './node-client-request';
export type { NodeClientRequest } from './node-client-request';
export { signClientCertificates, signingDays } from './sign-client-certificate.step';
export type { SignRequest } from './sign-client-certificate.step';
