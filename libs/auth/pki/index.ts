// The cluster's certificates and the admin's static token.
export { ensureAdminToken, adminTokenPath } from './admin-token';
export { caPublicKeyHash } from './ca-public-key-hash';
export { createCertificateAuthority } from './certificate-authority';
export type { CertificateAndKey, CertificateAuthority } from './certificate-authority';
export { isReusable } from './certificate-reuse';
export { ensureClusterPki, servingHosts } from './cluster-pki';
export type { ClusterPki, ClusterPkiOptions } from './cluster-pki';
export { issueCertificate, issueCertificateAndKey } from './issue-certificate';
export type { CertificateProfile, CertificateUsage } from './issue-certificate';
export { signClientCertificate } from './sign-client-certificate';
export { tlsServerPolicy } from './tls-policy';
export type { ClientCertificateOptions } from './sign-client-certificate';
