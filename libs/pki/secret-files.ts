// Reads and writes the PKI's files: whole-or-nothing writes (temp file + rename), keys readable by
// the owner only.
import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';

export const PRIVATE_MODE = 0o600;
export const PUBLIC_MODE = 0o644;

export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A crash mid-write leaves the old file or none, never half a key. */
export async function writeFileAtomic(path: string, content: string, mode: number): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content, { mode });
  // The umask may have narrowed or (for a pre-existing file) ignored the mode.
  await chmod(temp, mode);
  await rename(temp, path);
}
