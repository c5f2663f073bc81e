// Waiting and retrying, as k8s.io/apimachinery/pkg/util/wait: the restart backoff of supervisors.
export * from './restart-backoff';
