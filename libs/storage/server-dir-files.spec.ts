import { linkSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { readServerDirFile, writeServerDirFile } from './server-dir-files';

describe('server dir files', () => {
  let dir: string;
  let victim: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kubenest-server-dir-'));
    victim = path.join(dir, 'elsewhere');
    writeFileSync(victim, 'precious', { mode: 0o600 });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file of its own', async () => {
    writeFileSync(path.join(dir, 'pw'), 'secret\n');
    expect(await readServerDirFile(path.join(dir, 'pw'))).toBe('secret\n');
  });

  it('says ENOENT when there is none', async () => {
    await expect(readServerDirFile(path.join(dir, 'pw'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each([
    { name: 'a symbolic link', plant: (at: string) => symlinkSync(victim, at), why: /is a symbolic link, .*: refused/ },
    { name: 'a hard link', plant: (at: string) => linkSync(victim, at), why: /is a hard link, .*: refused/ },
  ])('refuses to read through $name', async ({ plant, why }) => {
    plant(path.join(dir, 'pw'));
    await expect(readServerDirFile(path.join(dir, 'pw'))).rejects.toThrow(why);
  });

  it.each([
    { name: 'a symbolic link', plant: (at: string) => symlinkSync(victim, at) },
    { name: 'a dangling symbolic link', plant: (at: string) => symlinkSync(path.join(dir, 'made'), at) },
    { name: 'a hard link', plant: (at: string) => linkSync(victim, at) },
  ])('writes a new 0600 file in place of $name, leaving its target alone', async ({ plant }) => {
    const at = path.join(dir, 'owner.pid');
    plant(at);
    await writeServerDirFile(at, '42\n');
    expect(readFileSync(at, 'utf8')).toBe('42\n');
    expect(statSync(at).mode & 0o777).toBe(0o600);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(() => statSync(path.join(dir, 'made'))).toThrow(/ENOENT/);
  });
});
