// Waiting and retrying, as k8s.io/apimachinery/pkg/util/wait: one exponential backoff, for retries
// and for the restarts of supervisors.
export * from './backoff';
export * from './restart-backoff';
