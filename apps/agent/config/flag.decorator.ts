// Binds an AgentConfig property to the command-line flag it is read from and to the one-line
// description of what the flag accepts, so a bad value is reported by the name the user typed.

export interface FlagBinding {
  property: string;
  /** Without dashes, e.g. ca-cert-hash for --ca-cert-hash. */
  flag: string;
  /** Completes "--<flag> must be ...". */
  expects: string;
  /** Turns the text into the typed value; returns the text unchanged when it cannot, so validation reports it. */
  parse: (raw: string) => unknown;
  /** Never echo the raw value (a token). */
  secret?: boolean;
  /** A switch: given alone (--stop-pods) it means true. */
  switch?: boolean;
}

const bindingsByClass = new Map<object, FlagBinding[]>();

export function Flag(binding: Omit<FlagBinding, 'property'>): PropertyDecorator {
  return (target, property) => {
    const bindings = bindingsByClass.get(target.constructor) ?? [];
    bindings.push({ ...binding, property: String(property) });
    bindingsByClass.set(target.constructor, bindings);
  };
}

export const flagBindings = (configClass: object): readonly FlagBinding[] => bindingsByClass.get(configClass) ?? [];
