// Leader election through coordination.k8s.io/v1 Leases, as client-go's leaderelection.
export { LeaderElector, LEASE_DURATION_MS, RENEW_DEADLINE_MS, RETRY_PERIOD_MS } from './leader-elector';
export type { LeaderElectionConfig } from './leader-elector';
