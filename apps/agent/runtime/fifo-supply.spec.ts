import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FifoSupply } from './fifo-supply';

describe('FifoSupply', () => {
  const root = mkdtempSync(join(tmpdir(), 'fifo-supply-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('puts owner-only named pipes in place, replacing what was there, many from one batch', async () => {
    const spare = join(root, 'spare');
    mkdirSync(spare);
    writeFileSync(join(spare, 'left-by-an-earlier-run'), '');
    const supply = new FifoSupply(spare);
    const paths = Array.from({ length: 40 }, (_, i) => join(root, `pipe-${i}`));
    writeFileSync(paths[0], 'an older instance');
    await Promise.all([supply.take(paths.slice(0, 20)), supply.take(paths.slice(20))]);
    for (const path of paths) {
      const stat = statSync(path);
      expect(stat.isFIFO()).toBe(true);
      expect(stat.mode & 0o777).toBe(0o600);
    }
    // Two batches of 32 made 64, 40 taken.
    expect(readdirSync(spare)).toHaveLength(24);
  });
});
