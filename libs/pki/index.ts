// Certificates and keys with no notion of who may do what: a CA, leaf certificates, the CA pin a
// joining agent checks, the TLS policy and private-file writes. The agent uses it without auth.
export { caPublicKeyHash } from './ca-public-key-hash';
export { createCertificateAuthority } from './certificate-authority';
export type { CertificateAndKey, CertificateAuthority } from './certificate-authority';
export { isReusable } from './certificate-reuse';
export { issueCertificate, issueCertificateAndKey } from './issue-certificate';
export type { CertificateProfile, CertificateUsage } from './issue-certificate';
export { PRIVATE_MODE, PUBLIC_MODE, readIfExists, writeFileAtomic } from './secret-files';
export { signClientCertificate } from './sign-client-certificate';
export { tlsServerPolicy } from './tls-policy';
export type { ClientCertificateOptions } from './sign-client-certificate';
