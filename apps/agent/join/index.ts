// Joining the cluster: CA discovery pinned by hash, TLS bootstrap of the node's client certificate.
export { JoinError } from './join-error';
export { joinNode } from './join-node';
export type { JoinDeps, JoinResult, JoinSettings } from './join-node';
export { httpsJoinDeps } from './https-join-deps';
export { kubeconfigPath, readNodeCredentials } from './node-credentials';
export type { NodeCredentials } from './node-credentials';
