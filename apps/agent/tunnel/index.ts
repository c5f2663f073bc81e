// The agent's tunnel to the control plane, serving `kubectl logs`, `exec` and `port-forward` for its pods.
export { HostPodStreams } from './host-pod-streams';
export type { HostPodStreamsDeps } from './host-pod-streams';
export { startTunnel } from './tunnel-client';
export type { RunningTunnel, TunnelCredentials } from './tunnel-client';
