import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { materializeVolume } from './prepare-volumes';

const files = (...entries: [string, string][]) => ({
  kind: 'files' as const,
  plugin: 'configmap',
  files: entries.map(([path, content]) => ({ path, content, mode: 0o644 })),
});

describe('materializeVolume', () => {
  const podDir = mkdtempSync(join(tmpdir(), 'volumes-'));
  afterAll(() => rmSync(podDir, { recursive: true, force: true }));

  it("updates a volume's files in the same directory, which a running container's mount holds", () => {
    const dir = materializeVolume(podDir, 'cfg', files(['greeting', 'hello'], ['old/key', 'stale']));
    const inode = statSync(dir).ino;
    expect(materializeVolume(podDir, 'cfg', files(['greeting', 'hello again'], ['mode', 'fast']))).toBe(dir);
    expect(statSync(dir).ino).toBe(inode);
    expect(readFileSync(join(dir, 'greeting'), 'utf8')).toBe('hello again');
    expect(readFileSync(join(dir, 'mode'), 'utf8')).toBe('fast');
    expect(readdirSync(join(dir, 'old'))).toEqual([]);
  });
});
