// Parsers from environment text to typed setting values; unparseable text is returned as is
// so that the class-validator rules reject it with the setting's own message.
import { resolve } from 'node:path';

export const asString = (raw: string): string => raw;

/** For settings that are one word from a list, such as a log level. */
export const asLowerCase = (raw: string): string => raw.trim().toLowerCase();

export const asInteger = (raw: string): number | string => (/^[+-]?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw);

const TRUE_WORDS = new Set(['1', 't', 'true', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['0', 'f', 'false', 'no', 'n', 'off']);

/** Accepts Go's strconv.ParseBool spellings plus yes/no/on/off, case-insensitive. */
export const asBoolean = (raw: string): boolean | string => {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return raw;
};

/** Relative paths are taken from the working directory at start-up. */
export const asAbsolutePath = (raw: string): string => resolve(raw);
