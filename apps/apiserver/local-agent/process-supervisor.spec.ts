import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { ProcessSupervisor } from './process-supervisor';

class FakeChild extends EventEmitter {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly signals: string[] = [];
  constructor(
    readonly pid: number,
    private readonly exitOn: string[] = ['SIGTERM'],
  ) {
    super();
  }
  kill(signal: string): boolean {
    this.signals.push(signal);
    if (this.exitOn.includes(signal)) setImmediate(() => this.emit('exit', null, signal));
    return true;
  }
}

const policy = { baseMs: 100, maxMs: 400, healthyAfterMs: 10_000 };

function supervise(makeChild: (n: number) => FakeChild | Error, requestStop?: (child: ChildProcess) => void) {
  const children: FakeChild[] = [];
  const lines: string[] = [];
  let now = 0;
  const supervisor = new ProcessSupervisor(
    'Test',
    async () => {
      const made = makeChild(children.length + 1);
      if (made instanceof Error) throw made;
      children.push(made);
      return made as unknown as ChildProcess;
    },
    {
      policy,
      stopTimeoutMs: 1000,
      requestStop,
      output: (line, stream) => lines.push(`${stream}: ${line}`),
      now: () => now,
    },
  );
  return { supervisor, children, lines, advance: (ms: number) => (now += ms) };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('ProcessSupervisor', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('starts the child again after it exits, with growing delays', async () => {
    const { supervisor, children } = supervise((n) => new FakeChild(n));
    supervisor.start();
    await settle();
    expect(children).toHaveLength(1);
    const delays: number[] = [];
    for (let round = 0; round < 4; round++) {
      children.at(-1)!.emit('exit', 1, null);
      const before = children.length;
      let waited = 0;
      while (children.length === before) {
        await jest.advanceTimersByTimeAsync(50);
        waited += 50;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([100, 200, 400, 400]);
    await supervisor.stop();
  });

  it('retries a launch that fails', async () => {
    let attempts = 0;
    const { supervisor, children } = supervise((n) => (++attempts < 3 ? new Error('no database') : new FakeChild(n)));
    supervisor.start();
    await jest.advanceTimersByTimeAsync(100 + 200 + 10);
    expect(attempts).toBe(3);
    expect(children).toHaveLength(1);
    await supervisor.stop();
  });

  it('hands on output line by line', async () => {
    const { supervisor, children, lines } = supervise((n) => new FakeChild(n));
    supervisor.start();
    await settle();
    children[0].stdout.write('node registered\npartial');
    children[0].stdout.write(' line\n');
    children[0].stderr.write('a warning\n');
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual(['stdout: node registered', 'stdout: partial line', 'stderr: a warning']);
    await supervisor.stop();
  });

  it('stops with SIGTERM and does not start it again', async () => {
    const { supervisor, children } = supervise((n) => new FakeChild(n));
    supervisor.start();
    await settle();
    await supervisor.stop();
    await jest.advanceTimersByTimeAsync(5000);
    expect(children).toHaveLength(1);
    expect(children[0].signals).toEqual(['SIGTERM']);
  });

  it('kills a child that ignores SIGTERM', async () => {
    const { supervisor, children } = supervise((n) => new FakeChild(n, ['SIGKILL']));
    supervisor.start();
    await settle();
    const stopped = supervisor.stop();
    await jest.advanceTimersByTimeAsync(1000);
    await stopped;
    expect(children[0].signals).toEqual(['SIGTERM', 'SIGKILL']);
  });

  it('asks the child to end its own way when told how', async () => {
    const asked: number[] = [];
    const { supervisor, children } = supervise(
      (n) => new FakeChild(n),
      (child) => {
        asked.push(child.pid!);
        child.emit('exit', 0, null);
      },
    );
    supervisor.start();
    await settle();
    await supervisor.stop();
    expect(asked).toEqual([1]);
    expect(children[0].signals).toEqual([]);
  });
});
