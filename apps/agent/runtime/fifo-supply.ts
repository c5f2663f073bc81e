// Named pipes made ahead, in batches: Node has no mkfifo, so making one takes a process, which as
// many as a pod start costs (a burst of 100 container starts took 4x as long with one mkfifo
// each). One mkfifo call makes a batch in a spare directory; each is renamed into place when taken.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const BATCH = 32;

export class FifoSupply {
  private readonly spare: string[] = [];
  private making?: Promise<void>;

  /** dir: on the same filesystem as the places pipes are taken to; what an earlier run left there goes. */
  constructor(private readonly dir: string) {
    rmSync(dir, { recursive: true, force: true });
  }

  /** Makes a named pipe (mode 0600) at each path, replacing what is there. */
  async take(paths: string[]): Promise<void> {
    while (this.spare.length < paths.length) {
      this.making ??= this.make().finally(() => (this.making = undefined));
      await this.making;
    }
    for (const path of paths) renameSync(this.spare.pop()!, path);
  }

  private async make(): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const made = Array.from({ length: BATCH }, () => join(this.dir, randomBytes(8).toString('hex')));
    await promisify(execFile)('mkfifo', ['-m', '600', ...made]);
    this.spare.push(...made);
  }
}
