// Builds the AgentConfig from the command line (and the token from --token-file) and stops
// start-up with a one-line ConfigError naming the first bad flag.
import { validateSync } from 'class-validator';
import { AgentConfig } from './agent-config';
import { parseCommandLine } from './command-line';
import { ConfigError } from './config-error';
import { flagBindings } from './flag.decorator';
import { readTokenFile } from './token-file';

export function loadAgentConfig(argv: readonly string[]): AgentConfig {
  const bindings = flagBindings(AgentConfig);
  const flags = parseCommandLine(
    argv,
    bindings.map((b) => b.flag),
    bindings.filter((b) => b.switch).map((b) => b.flag),
  );
  const config = new AgentConfig();
  for (const binding of bindings) {
    const raw = flags.get(binding.flag);
    if (raw === undefined) continue;
    (config as unknown as Record<string, unknown>)[binding.property] = binding.parse(raw);
  }
  const [error] = validateSync(config, { forbidUnknownValues: true });
  if (error) {
    const binding = bindings.find((b) => b.property === error.property);
    if (!binding) throw new ConfigError(`invalid setting ${error.property}`);
    const raw = flags.get(binding.flag);
    if (raw === undefined) {
      const value = error.value;
      if (value === undefined) throw new ConfigError(`--${binding.flag} is required: ${binding.expects}`);
      throw new ConfigError(
        `--${binding.flag} must be ${binding.expects} (the default ${JSON.stringify(value)} is not)`,
      );
    }
    const got = binding.secret ? '' : ` (got ${JSON.stringify(raw)})`;
    throw new ConfigError(`--${binding.flag} must be ${binding.expects}${got}`);
  }
  if (config.tokenFile !== undefined) {
    if (config.token !== undefined) throw new ConfigError('--token and --token-file are both given: give one');
    config.token = readTokenFile(config.tokenFile);
  }
  return config;
}
