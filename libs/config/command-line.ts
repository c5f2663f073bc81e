// Splits the command line into flags: `--name value` or `--name=value`, as kubeadm and kubelet take them,
// and a switch alone (`--name`, meaning true).
import { ConfigError } from './config-error';

export function parseCommandLine(
  argv: readonly string[],
  known: readonly string[],
  switches: readonly string[] = [],
): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(argv[i]);
    if (!match) throw new ConfigError(`unexpected argument "${argv[i]}": flags are written --name value`);
    const [, name, inline] = match;
    if (!known.includes(name)) {
      throw new ConfigError(`unknown flag --${name} (known: ${known.map((k) => `--${k}`).join(', ')})`);
    }
    const value = inline ?? (switches.includes(name) ? 'true' : argv[++i]);
    if (value === undefined) throw new ConfigError(`--${name} needs a value`);
    if (flags.has(name)) throw new ConfigError(`--${name} is given twice`);
    flags.set(name, value);
  }
  return flags;
}
