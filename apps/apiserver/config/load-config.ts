// Builds the ApiserverConfig from flags (first) and environment variables; a bad setting stops
// start-up with a one-line ConfigError naming it.
import { loadSettings } from '@kubenest/config';
import { ApiserverConfig } from './apiserver-config';

export const loadConfig = (env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): ApiserverConfig =>
  loadSettings(ApiserverConfig, { env, argv });
