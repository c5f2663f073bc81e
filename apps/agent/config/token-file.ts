// --token-file: the bootstrap token read from a file, so that it never shows in the process table
// as a --token argument does. As ssh refuses a private key others may read, a token file open to
// the group or to others is refused.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { ConfigError } from '@kubenest/config';

export const BOOTSTRAP_TOKEN = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
export const BOOTSTRAP_TOKEN_FORM = 'a bootstrap token <6 characters>.<16 characters> of a-z and 0-9';

const octal = (mode: number): string => (mode & 0o777).toString(8).padStart(4, '0');

/** The token in the file, checked on the open file itself (no swap between the check and the read). */
export function readTokenFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new ConfigError(`--token-file ${path} cannot be read (${(e as NodeJS.ErrnoException).code})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ConfigError(`--token-file ${path} is not a regular file`);
    if (stat.mode & 0o077) {
      throw new ConfigError(
        `--token-file ${path} is open to others (mode ${octal(stat.mode)}): a token file must be readable by its owner only (chmod 600), as ssh requires of private keys`,
      );
    }
    const token = readFileSync(fd, 'utf8').trim();
    if (!BOOTSTRAP_TOKEN.test(token)) throw new ConfigError(`--token-file ${path} must hold ${BOOTSTRAP_TOKEN_FORM}`);
    return token;
  } finally {
    closeSync(fd);
  }
}
