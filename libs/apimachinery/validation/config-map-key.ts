// Keys of ConfigMap and Secret data: they become file names when mounted, hence the '.' rules.
import { dns1123SubdomainMaxLength } from './dns';
import { maxLenError, regexError } from './messages';

const configMapKeyFmt = '[-._a-zA-Z0-9]+';
const configMapKeyRe = new RegExp(`^${configMapKeyFmt}$`);
const configMapKeyMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

const chdirPrefixErrors = (value: string): string[] => {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
};

/** Problems with a data key, empty when valid. */
export const isConfigMapKey = (value: string): string[] => {
  const errs: string[] = [];
  if (value.length > dns1123SubdomainMaxLength) errs.push(maxLenError(dns1123SubdomainMaxLength));
  if (!configMapKeyRe.test(value))
    errs.push(regexError(configMapKeyMsg, configMapKeyFmt, 'key.name', 'KEY_NAME', 'key-name'));
  errs.push(...chdirPrefixErrors(value));
  return errs;
};
