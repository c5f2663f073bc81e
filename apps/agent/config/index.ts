// The agent's start-up configuration.
export { AgentConfig } from './agent-config';
export { ConfigError } from '@kubenest/config';
export { loadAgentConfig } from './load-agent-config';
export type { Taint } from '@kubenest/config';
