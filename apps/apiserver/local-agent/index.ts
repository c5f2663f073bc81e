// The node the control plane runs for itself (KUBENEST_LOCAL_AGENT).
export { localServerUrl, startLocalAgent } from './local-agent';
export type { LocalAgent, LocalAgentSettings } from './local-agent';
