// The worker pool: jobs answered off the event loop, a worker past its CPU budget or out of memory
// terminated with its job refused, and replaced.
import { WorkerPool } from './worker-pool';

// A worker as serveJobs makes one, in plain JavaScript: jobs are { spin, echo, grow }.
const script = `
const { parentPort } = require('node:worker_threads');
const { readlinkSync } = require('node:fs');
parentPort.postMessage({ ready: true, tid: Number(readlinkSync('/proc/thread-self').split('/').pop()) });
const hoard = [];
parentPort.on('message', (job) => {
  if (job.spin) for (;;);
  if (job.grow) for (;;) hoard.push(new Array(1e6).fill(job));
  if (job.exit) process.exit(1);
  parentPort.postMessage({ output: job.echo });
});
`;

describe('WorkerPool', () => {
  let pool: WorkerPool<object, unknown>;

  beforeEach(() => {
    pool = new WorkerPool({
      script,
      eval: true,
      size: 1,
      budgetMs: 300,
      resourceLimits: { maxOldGenerationSizeMb: 32 },
      overBudget: () => new Error('over budget'),
      outOfMemory: () => new Error('out of memory'),
    });
  });

  afterEach(() => pool.close());

  it('answers jobs in turn on one worker', async () => {
    expect(await Promise.all([1, 2, 3].map((echo) => pool.run({ echo })))).toEqual([1, 2, 3]);
  });

  it('refuses a job past its budget, while the event loop stays free, and serves the next one', async () => {
    const started = Date.now();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    await expect(pool.run({ spin: true })).rejects.toThrow('over budget');
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan((Date.now() - started) / 10 / 4);
    expect(await pool.run({ echo: 'next' })).toBe('next');
  });

  it('refuses a job that runs its worker out of memory, and serves the next one', async () => {
    await expect(pool.run({ grow: true })).rejects.toThrow(/out of memory|over budget/);
    expect(await pool.run({ echo: 'next' })).toBe('next');
  });

  it('refuses the job of a worker that dies, and serves the next one', async () => {
    await expect(pool.run({ exit: true })).rejects.toThrow('the worker thread exited');
    expect(await pool.run({ echo: 'next' })).toBe('next');
  });
});
