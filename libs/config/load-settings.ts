// Builds a config object from the command line (first) and environment variables, validated
// once with class-validator, and stops start-up with a one-line ConfigError naming the first bad
// flag or variable.
import { validateSync } from 'class-validator';
import { parseCommandLine } from './command-line';
import { ConfigError } from './config-error';
import { SettingBinding, settingBindings } from './setting.decorator';

export interface SettingSources {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

interface RawSetting {
  /** --flag or VARIABLE, as the user wrote it. */
  source: string;
  raw: string;
}

export function loadSettings<T extends object>(configClass: new () => T, sources: SettingSources): T {
  const { argv = [], env = {} } = sources;
  const bindings = settingBindings(configClass);
  const flags = parseCommandLine(
    argv,
    bindings.map((b) => b.flag),
    bindings.filter((b) => b.switch).map((b) => b.flag),
  );
  const config = new configClass();
  const given = new Map<string, RawSetting>();
  for (const binding of bindings) {
    const setting = rawSetting(binding, flags.get(binding.flag), env);
    if (!setting) continue;
    given.set(binding.property, setting);
    (config as Record<string, unknown>)[binding.property] = binding.parse(setting.raw);
  }

  const [error] = validateSync(config, { forbidUnknownValues: true });
  if (error) {
    const binding = bindings.find((b) => b.property === error.property);
    if (!binding) throw new ConfigError(`invalid setting ${error.property}`);
    throw new ConfigError(describeProblem(binding, given.get(binding.property), error.value));
  }
  return config;
}

function rawSetting(
  binding: SettingBinding,
  fromFlag: string | undefined,
  env: NodeJS.ProcessEnv,
): RawSetting | undefined {
  if (fromFlag !== undefined) {
    const refused = binding.env && binding.refusedAsFlag?.(fromFlag);
    if (refused) {
      throw new ConfigError(
        `--${binding.flag} ${refused}, which every local user can read in the process table: set ${binding.env} instead (a process's environment is readable by its own user only)`,
      );
    }
    return { source: `--${binding.flag}`, raw: fromFlag };
  }
  const fromEnv = binding.env && env[binding.env];
  // An empty variable counts as unset, as docker-compose `VAR=` lines expect.
  return fromEnv ? { source: binding.env!, raw: fromEnv } : undefined;
}

function describeProblem(binding: SettingBinding, given: RawSetting | undefined, value: unknown): string {
  if (!given) {
    const name = binding.env ?? `--${binding.flag}`;
    if (value === undefined) return `${name} is required: ${binding.expects}`;
    return `${name} must be ${binding.expects} (the default ${JSON.stringify(value)} is not)`;
  }
  if (binding.secret) return `${given.source} must be ${binding.expects}`;
  return `${given.source} must be ${binding.expects} (got ${JSON.stringify(given.raw)})`;
}
