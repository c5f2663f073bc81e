// The files the apiserver keeps in the embedded server's data directory (passwords, its pid). Run
// as root, that directory belongs to the `postgres` user, who could put a link where such a file
// is expected and have root read any file into a password it then sees, or overwrite any file:
// these files are opened without following symbolic links, a read refuses anything but a regular
// file with one link, and a write replaces whatever is there with a new file.
import { constants, promises as fs } from 'fs';
import type { FileHandle } from 'fs/promises';

export interface FileOwner {
  uid: number;
  gid: number;
}

const refused = (path: string, what: string) =>
  new Error(`${path} is ${what}, not a file of its own: refused (someone else may have put it there)`);

async function openNoFollow(path: string, flags: number, mode?: number): Promise<FileHandle> {
  try {
    return await fs.open(path, flags | constants.O_NOFOLLOW, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw refused(path, 'a symbolic link');
    throw e;
  }
}

/** Its text; throws ENOENT when there is none. */
export async function readServerDirFile(path: string): Promise<string> {
  const file = await openNoFollow(path, constants.O_RDONLY);
  try {
    const stat = await file.stat();
    if (!stat.isFile()) throw refused(path, 'no regular file');
    if (stat.nlink !== 1) throw refused(path, 'a hard link');
    return await file.readFile('utf8');
  } finally {
    await file.close();
  }
}

/** A new file (mode 0600) in place of whatever is there, owned by owner when given. */
export async function writeServerDirFile(path: string, content: string, owner?: FileOwner): Promise<void> {
  await fs.rm(path, { force: true });
  // Exclusive: a link put there since the removal fails the write instead of being followed.
  const file = await openNoFollow(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    if (owner) await file.chown(owner.uid, owner.gid);
    await file.writeFile(content);
  } finally {
    await file.close();
  }
}
