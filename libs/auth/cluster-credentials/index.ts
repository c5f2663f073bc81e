// The apiserver's own credentials in its data directory: the cluster PKI (with the admin's
// system:masters certificate) and the admin's static token.
export { ensureAdminToken, adminTokenPath } from './admin-token';
export { ensureClusterPki, servingHosts } from './cluster-pki';
export type { ClusterPki, ClusterPkiOptions } from './cluster-pki';
