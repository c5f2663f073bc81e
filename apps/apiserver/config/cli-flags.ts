// Reads `--name=value` (and a bare `--name`, meaning true) from the command line.
import { ConfigError } from './config-error';

export function parseFlags(argv: readonly string[], known: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new ConfigError(`unexpected argument "${arg}": flags are written --name=value`);
    const [, name, value] = match;
    if (!known.includes(name)) {
      throw new ConfigError(`unknown flag --${name} (known: ${known.map((k) => `--${k}`).join(', ')})`);
    }
    flags.set(name, value ?? 'true');
  }
  return flags;
}
