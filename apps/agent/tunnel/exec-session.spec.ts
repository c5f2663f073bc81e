import { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { ExecStreams, PodStreamError, TerminalSize } from '@kubenest/node-protocol';
import type { ContainerRuntime, RunningContainer } from '../runtime/container-runtime';
import type { ExecOptions as RuntimeExecOptions } from '../runtime/container-runtime';
import { execSession } from './exec-session';
import { execOptions } from '@kubenest/testing/exec-options';

/** A child process that spawns, fails or exits when the test says. */
class FakeChild extends EventEmitter {
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly kill = jest.fn((signal: NodeJS.Signals) => {
    this.exit(null, signal);
    return true;
  });

  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.stdout.end();
    this.stderr.end();
    setImmediate(() => this.emit('close', code, signal));
  }
}

const fakeRuntime = () => {
  const children: FakeChild[] = [];
  const calls: RuntimeExecOptions[] = [];
  const runtime = {
    exec: jest.fn((_container: RunningContainer, _argv: string[], options: RuntimeExecOptions = {}) => {
      calls.push(options);
      const child = new FakeChild();
      children.push(child);
      return child as unknown as ChildProcess;
    }),
  } as unknown as ContainerRuntime & { exec: jest.Mock };
  return { runtime, children, calls };
};

const container = {} as RunningContainer;
const tick = () => new Promise((r) => setImmediate(r));

describe('execSession', () => {
  let abort: AbortController;
  let streams: ExecStreams;

  beforeEach(() => {
    abort = new AbortController();
    streams = { stdout: new PassThrough(), stderr: new PassThrough(), signal: abort.signal };
  });

  it('runs the command and returns its exit code, output relayed', async () => {
    const { runtime, children } = fakeRuntime();
    const session = execSession(runtime, container, ['echo', 'hi'], execOptions({}), streams);
    const out: Buffer[] = [];
    streams.stdout!.on('data', (d: Buffer) => out.push(d));
    await tick();
    children[0].emit('spawn');
    await tick();
    children[0].stdout.write('hi\n');
    children[0].exit(3);
    expect(await session).toEqual({ exitCode: 3 });
    expect(Buffer.concat(out).toString()).toBe('hi\n');
  });

  it.each([
    {
      name: 'a missing executable',
      error: Object.assign(new Error('spawn nope ENOENT'), { code: 'ENOENT' }),
      want: 'exec: "nope": executable file not found in $PATH',
    },
    { name: 'another spawn failure', error: new Error('spawn EACCES'), want: 'exec: "nope": spawn EACCES' },
  ])('reports $name as kubelet words it', async ({ error, want }) => {
    const { runtime, children } = fakeRuntime();
    const session = execSession(runtime, container, ['nope'], execOptions({}), streams);
    await tick();
    children[0].emit('error', error);
    await expect(session).rejects.toThrow(new PodStreamError(500, 'InternalError', want));
  });

  it('kills the command when the client goes away', async () => {
    const { runtime, children } = fakeRuntime();
    const session = execSession(runtime, container, ['sleep', '9'], execOptions({}), streams);
    await tick();
    children[0].emit('spawn');
    await tick();
    abort.abort();
    expect(await session).toEqual({ exitCode: 137 });
    expect(children[0].kill).toHaveBeenCalledWith('SIGKILL');
  });

  it('kills the command when the client went away while it was spawned', async () => {
    const { runtime, children } = fakeRuntime();
    const session = execSession(runtime, container, ['sleep', '9'], execOptions({}), streams);
    await tick();
    abort.abort();
    children[0].emit('spawn');
    expect(await session).toEqual({ exitCode: 137 });
    expect(children[0].kill).toHaveBeenCalledWith('SIGKILL');
  });

  it('does not start the command when the client goes while the session waits for its size', async () => {
    const { runtime } = fakeRuntime();
    const resize = new PassThrough({ objectMode: true });
    const session = execSession(runtime, container, ['sh'], execOptions({ tty: true }), { ...streams, resize });
    abort.abort();
    await expect(session).rejects.toThrow(PodStreamError);
    expect(runtime.exec).not.toHaveBeenCalled();
  });

  it("starts a tty session at the client's first size", async () => {
    const { runtime, calls } = fakeRuntime();
    const resize = new PassThrough({ objectMode: true });
    void execSession(runtime, container, ['sh'], execOptions({ tty: true }), { ...streams, resize });
    await tick();
    expect(runtime.exec).not.toHaveBeenCalled();
    resize.write({ width: 100, height: 40 } satisfies TerminalSize);
    await tick();
    expect(calls).toEqual([{ tty: true, size: { width: 100, height: 40 }, resize }]);
    abort.abort();
  });

  it('starts a tty session unsized when no size comes in time', async () => {
    const { runtime, calls } = fakeRuntime();
    const resize = new PassThrough({ objectMode: true });
    void execSession(runtime, container, ['sh'], execOptions({ tty: true }), { ...streams, resize });
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toEqual([{ tty: true, size: undefined, resize }]);
    abort.abort();
  });
});
