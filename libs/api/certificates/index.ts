// certificates.k8s.io: the CertificateSigningRequest resource and the names its signers share.
export { csrStrategy } from './csr/csr.strategy';
export { csrConditionCell } from './csr/csr-columns';
export { certificateRequestProblem, parseCertificateRequest, pemBlocks } from './csr/pem-blocks';
export type { PemBlock } from './csr/pem-blocks';
export * from './types';
