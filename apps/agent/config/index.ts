// The agent's start-up configuration.
export { AgentConfig } from './agent-config';
export { ConfigError } from './config-error';
export { loadAgentConfig } from './load-agent-config';
export type { Taint } from './flag-parsers';
