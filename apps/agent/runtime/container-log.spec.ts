import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { writeContainerLog } from './container-log';

const records = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^\S+ /, ''));

describe('writeContainerLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'container-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sources = () => ({ stdout: new PassThrough(), stderr: new PassThrough() });

  it('writes both streams as CRI records until they end, an unterminated last line as a full one', async () => {
    const path = join(dir, 'ended.log');
    const s = sources();
    const log = writeContainerLog(path, s);
    s.stdout.end('one\ntwo');
    s.stderr.end('oops\n');
    await log.written;
    expect(records(path).sort()).toEqual(['stderr F oops', 'stdout F one', 'stdout F two']);
  });

  it('on detach keeps what was read, marks a cut line partial, and reads no more', async () => {
    const path = join(dir, 'detached.log');
    const s = sources();
    const log = writeContainerLog(path, s);
    s.stdout.write('one\nhalf a li');
    await new Promise((r) => setImmediate(r));
    // Read by the source while paused (as when the log falls behind), not handed on yet: it counts.
    s.stderr.pause();
    s.stderr.write('just read\n');
    await log.detach();
    expect(records(path).sort()).toEqual(['stderr F just read', 'stdout F one', 'stdout P half a li']);
    expect(s.stdout.destroyed && s.stderr.destroyed).toBe(true);
  });
});
