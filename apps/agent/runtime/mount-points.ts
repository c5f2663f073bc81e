// Mount points the runtime had to create on the host (a bind mount needs an existing target),
// recorded per pod so removing the pod removes them again when they are still empty.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

type Created = { path: string; kind: 'dir' | 'file' | 'link' };

const RECORD = 'mount-points.json';

const missingAncestors = (path: string): string[] => {
  const missing: string[] = [];
  for (let p = path; !existsSync(p); p = dirname(p)) missing.unshift(p);
  return missing;
};

const record = (podDir: string, created: Created[]): void => {
  if (created.length === 0) return;
  writeFileSync(join(podDir, RECORD), JSON.stringify([...readCreated(podDir), ...created]));
};

const readCreated = (podDir: string): Created[] => {
  try {
    return JSON.parse(readFileSync(join(podDir, RECORD), 'utf8')) as Created[];
  } catch {
    return [];
  }
};

/** Makes target exist as what source is (a directory, or a file for a single-file mount). */
export function ensureMountPoint(podDir: string, source: string, target: string): void {
  if (existsSync(target)) return;
  const isFile = statSync(source).isFile();
  const dirs = missingAncestors(isFile ? dirname(target) : target);
  for (const d of dirs) mkdirSync(d);
  const created: Created[] = dirs.map((path) => ({ path, kind: 'dir' }));
  if (isFile) {
    writeFileSync(target, '');
    created.push({ path: target, kind: 'file' });
  }
  record(podDir, created);
}

/** Without root: the volume is reachable at target through a symlink, when target is free. */
export function linkMountPoint(podDir: string, source: string, target: string): boolean {
  if (existsSync(target) || isLink(target)) return false;
  const dirs = missingAncestors(dirname(target));
  for (const d of dirs) mkdirSync(d);
  symlinkSync(source, target);
  record(podDir, [...dirs.map((path): Created => ({ path, kind: 'dir' })), { path: target, kind: 'link' }]);
  return true;
}

/** Undoes what ensureMountPoint/linkMountPoint created, deepest first, leaving anything now in use. */
export function removeMountPoints(podDir: string): void {
  for (const c of readCreated(podDir).reverse()) {
    try {
      if (c.kind === 'dir') rmdirSync(c.path);
      else if (c.kind === 'link' ? isLink(c.path) : statSync(c.path).size === 0) unlinkSync(c.path);
    } catch {
      // not empty or already gone: someone else uses it now
    }
  }
}

const isLink = (path: string): boolean => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};
