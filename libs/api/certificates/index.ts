// certificates.k8s.io: the CertificateSigningRequest resource and the names its signers share.
export { csrStrategy } from './csr.strategy';
export { csrConditionCell } from './csr-columns';
export { certificateRequestProblem, parseCertificateRequest, pemBlocks } from './pem-blocks';
export type { PemBlock } from './pem-blocks';
export * from './types';
