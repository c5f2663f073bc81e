// Builds the AgentConfig from the command line (and the token from --token-file); a bad flag
// stops start-up with a one-line ConfigError naming it.
import { ConfigError, loadSettings } from '@kubenest/config';
import { AgentConfig } from './agent-config';
import { readTokenFile } from './token-file';

export function loadAgentConfig(argv: readonly string[]): AgentConfig {
  const config = loadSettings(AgentConfig, { argv });
  if (config.tokenFile !== undefined) {
    if (config.token !== undefined) throw new ConfigError('--token and --token-file are both given: give one');
    config.token = readTokenFile(config.tokenFile);
  }
  return config;
}
