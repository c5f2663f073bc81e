// Puts a pod's volumes on disk under <pod dir>/volumes/<plugin>/<name> (hostPath stays where it
// is) and turns each container's volumeMounts into runtime mounts.
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ContainerCannotRun } from '../../runtime/container-cannot-run';
import type { Mount } from '../../runtime/container-runtime';
import type { Container } from '../pod-types';
import { VolumeContent } from './volume-files';

/** Writes one volume and returns the directory (or hostPath) it lives in. */
export function materializeVolume(podDir: string, name: string, content: VolumeContent): string {
  if (content.kind === 'hostPath') {
    if (content.type === 'DirectoryOrCreate') mkdirSync(content.path, { recursive: true });
    else if (content.type === 'FileOrCreate' && !existsSync(content.path)) {
      mkdirSync(dirname(content.path), { recursive: true });
      writeFileSync(content.path, '');
    }
    return content.path;
  }
  if (content.kind === 'emptyDir') {
    const dir = join(podDir, 'volumes', 'empty-dir', name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  // Written in place, never removed and made again: a running container's bind mount holds this
  // directory (also one adopted after an agent restart), and would be left with an empty one.
  const dir = join(podDir, 'volumes', content.plugin, name);
  mkdirSync(dir, { recursive: true });
  const wanted = new Set(content.files.map((f) => f.path));
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isDirectory() && !wanted.has(relative(dir, path))) rmSync(path, { force: true });
  }
  for (const f of content.files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path) && statSync(path).isDirectory()) rmSync(path, { recursive: true });
    writeFileSync(path, f.content);
    chmodSync(path, f.mode);
  }
  return dir;
}

/** Each volumeMount of the container as a mount of its volume's directory (or subPath in it). */
export function containerMounts(container: Container, volumeDirs: Record<string, string>): Mount[] {
  return (container.volumeMounts ?? []).map((m) => {
    const dir = volumeDirs[m.name];
    if (dir === undefined) throw new ContainerCannotRun('CreateContainerConfigError', `volume "${m.name}" not found`);
    return { source: m.subPath ? join(dir, m.subPath) : dir, target: m.mountPath, readOnly: !!m.readOnly };
  });
}
