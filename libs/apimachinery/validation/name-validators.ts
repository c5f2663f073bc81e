// Per-resource name rules: each kind picks one; `prefix` marks a generateName, which may end in '-'.
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain } from './dns';

/** Returns the problems with a name (or, with prefix, a generateName), empty when valid. */
export type NameValidator = (name: string, prefix: boolean) => string[];

// apimachinery replaces the last two characters by "a" when a prefix ends in '-'; kept as is so
// that a long generateName fails exactly where kube-apiserver fails it.
const maskTrailingDash = (name: string): string => (name.endsWith('-') ? `${name.slice(0, -2)}a` : name);

export const nameIsDNSSubdomain: NameValidator = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

export const nameIsDNS1035Label: NameValidator = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);

export const validateNamespaceName: NameValidator = nameIsDNSLabel;
