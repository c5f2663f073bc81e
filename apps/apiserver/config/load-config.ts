// Builds the ApiserverConfig from flags (first) and environment variables, and stops start-up with
// a one-line ConfigError naming the first bad setting.
import { validateSync } from 'class-validator';
import { ApiserverConfig } from './apiserver-config';
import { parseFlags } from './cli-flags';
import { ConfigError } from './config-error';
import { SettingBinding, settingBindings } from './setting.decorator';

interface RawSetting {
  source: string;
  raw: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): ApiserverConfig {
  const bindings = settingBindings(ApiserverConfig);
  const flags = parseFlags(
    argv,
    bindings.map((b) => b.flag),
  );
  const config = new ApiserverConfig();
  const raws = new Map<string, RawSetting>();
  for (const binding of bindings) {
    const fromFlag = flags.get(binding.flag);
    const refused = fromFlag === undefined ? undefined : binding.refusedAsFlag?.(fromFlag);
    if (refused) {
      throw new ConfigError(
        `--${binding.flag} ${refused}, which every local user can read in the process table: set ${binding.env} instead (a process's environment is readable by its own user only)`,
      );
    }
    const raw = fromFlag ?? env[binding.env];
    // An empty variable counts as unset, as docker-compose `VAR=` lines expect.
    if (raw === undefined || raw === '') continue;
    raws.set(binding.property, { source: fromFlag !== undefined ? `--${binding.flag}` : binding.env, raw });
    (config as unknown as Record<string, unknown>)[binding.property] = binding.parse(raw);
  }

  const [error] = validateSync(config, { forbidUnknownValues: true });
  if (error) {
    const binding = bindings.find((b) => b.property === error.property);
    if (!binding) throw new ConfigError(`invalid setting ${error.property}`);
    throw new ConfigError(describeProblem(binding, raws.get(binding.property)));
  }
  return config;
}

function describeProblem(binding: SettingBinding, given: RawSetting | undefined): string {
  const source = given?.source ?? binding.env;
  if (!given || binding.secret) return `${source} must be ${binding.expects}`;
  return `${source} must be ${binding.expects} (got ${JSON.stringify(given.raw)})`;
}
