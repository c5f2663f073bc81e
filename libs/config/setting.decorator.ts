// Binds a config property to the CLI flag (and environment variable) it is read from, and to the
// one-line description of what it accepts, so a bad value is reported by the name the user typed.

export interface SettingBinding {
  property: string;
  /** CLI flag without dashes, e.g. port for --port=6443. */
  flag: string;
  /** Environment variable, e.g. KUBENEST_PORT; a flag given wins over it. */
  env?: string;
  /** Completes "<name> must be ...", e.g. "an integer from 1 to 65535". */
  expects: string;
  /** Turns the raw text into the typed value; returns the text unchanged when it cannot, so validation reports it. */
  parse: (raw: string) => unknown;
  /** Never echo the raw value (a password, a token). */
  secret?: boolean;
  /** A switch: given alone (--local-agent) it means true. */
  switch?: boolean;
  /** Why this value may not be given as a flag, which every local user can read in the process
   * table (/proc/<pid>/cmdline); undefined where it may. Its variable is named instead. */
  refusedAsFlag?: (raw: string) => string | undefined;
}

const bindingsByClass = new Map<object, SettingBinding[]>();

export function Setting(binding: Omit<SettingBinding, 'property'>): PropertyDecorator {
  return (target, property) => {
    const bindings = bindingsByClass.get(target.constructor) ?? [];
    bindings.push({ ...binding, property: String(property) });
    bindingsByClass.set(target.constructor, bindings);
  };
}

export const settingBindings = (configClass: object): readonly SettingBinding[] =>
  bindingsByClass.get(configClass) ?? [];
