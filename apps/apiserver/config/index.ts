// The apiserver's start-up configuration.
export { ApiserverConfig } from './apiserver-config';
export { ConfigError } from '@kubenest/config';
export { loadConfig } from './load-config';
export { LOG_LEVELS } from './log-level';
export type { LogLevelName } from './log-level';
