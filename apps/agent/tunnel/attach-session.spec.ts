import { PassThrough, Writable } from 'node:stream';
import { execOptions } from '@kubenest/testing/exec-options';
import type { OutputListener, RunningContainer } from '../runtime/container-runtime';
import { attachSession } from './attach-session';

const OPTIONS = execOptions({ stdin: true });

/** A running container whose output the test makes, and whose stdin it reads. */
const fakeContainer = (stdinOnce: boolean) => {
  const listeners = new Set<OutputListener>();
  const ends = new Set<() => void>();
  const stdin = new PassThrough();
  let received = '';
  stdin.on('data', (d: Buffer) => (received += d.toString()));
  const container = {
    stdin,
    stdinOnce,
    watchOutput: (listener: OutputListener, onEnd: () => void) => {
      listeners.add(listener);
      ends.add(onEnd);
      return () => {
        listeners.delete(listener);
        ends.delete(onEnd);
      };
    },
  } as unknown as RunningContainer;
  return {
    container,
    stdin,
    received: () => received,
    say: (stream: 'stdout' | 'stderr', text: string) => listeners.forEach((l) => l(stream, Buffer.from(text))),
    end: () => ends.forEach((onEnd) => onEnd()),
    listening: () => listeners.size,
  };
};

const sink = () => {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
};

const setUp = (stdinOnce = false, options = OPTIONS) => {
  const fake = fakeContainer(stdinOnce);
  const clientStdin = new PassThrough();
  const stdout = sink();
  const stderr = sink();
  const abort = new AbortController();
  const session = attachSession(fake.container, options, {
    stdin: clientStdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    signal: abort.signal,
  });
  return { fake, clientStdin, stdout, stderr, abort, session };
};

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('attachSession', () => {
  it("relays output by stream and the client's stdin, and ends with the output", async () => {
    const { fake, clientStdin, stdout, stderr, session } = setUp();
    fake.say('stdout', 'out');
    fake.say('stderr', 'err');
    clientStdin.write('typed');
    await tick();
    expect([stdout.text(), stderr.text(), fake.received()]).toEqual(['out', 'err', 'typed']);
    fake.end();
    await expect(session).resolves.toEqual({ exitCode: 0 });
    expect(fake.listening()).toBe(0);
  });

  it('puts stderr on stdout for a terminal', async () => {
    const { fake, stdout, stderr } = setUp(false, { ...OPTIONS, stderr: false, tty: true });
    fake.say('stderr', 'err');
    await tick();
    expect([stdout.text(), stderr.text()]).toEqual(['err', '']);
  });

  it("keeps the container's stdin open when the client leaves, without stdinOnce", async () => {
    const { fake, clientStdin, abort, session } = setUp(false);
    clientStdin.end();
    abort.abort();
    await session;
    expect(fake.stdin.writableEnded).toBe(false);
  });

  it.each([
    { name: 'its input ends', leave: (s: ReturnType<typeof setUp>) => s.clientStdin.end() },
    { name: 'it goes away', leave: (s: ReturnType<typeof setUp>) => s.abort.abort() },
  ])("closes the container's stdin with stdinOnce when the client's $name", async ({ leave }) => {
    const s = setUp(true);
    leave(s);
    await tick();
    expect(s.fake.stdin.writableEnded).toBe(true);
  });

  it('writes nothing to a stdin the client did not ask for', async () => {
    const { fake, clientStdin } = setUp(false, { ...OPTIONS, stdin: false });
    clientStdin.write('typed');
    await tick();
    expect(fake.received()).toBe('');
  });

  it("resizes a terminal container's terminal to the client's", async () => {
    const fake = fakeContainer(false);
    const resized: unknown[] = [];
    Object.assign(fake.container, { tty: true, resizeTerminal: (size: unknown) => resized.push(size) });
    const resize = new PassThrough({ objectMode: true });
    void attachSession(fake.container, { ...OPTIONS, tty: true }, { resize, signal: new AbortController().signal });
    resize.write({ width: 100, height: 30 });
    await tick();
    expect(resized).toEqual([{ width: 100, height: 30 }]);
  });

  it('ends at once, with exit code 0, when the output has already ended', async () => {
    const fake = fakeContainer(false);
    Object.assign(fake.container, {
      watchOutput: (_listener: OutputListener, onEnd: () => void) => {
        onEnd();
        return () => undefined;
      },
    });
    const session = attachSession(fake.container, OPTIONS, { signal: new AbortController().signal });
    await expect(session).resolves.toEqual({ exitCode: 0 });
  });

  it('reads and drops what the client sends when the container has no stdin', async () => {
    const fake = fakeContainer(false);
    Object.assign(fake.container, { stdin: undefined });
    const clientStdin = new PassThrough();
    void attachSession(fake.container, OPTIONS, { stdin: clientStdin, signal: new AbortController().signal });
    clientStdin.write(Buffer.alloc(64 * 1024));
    await tick();
    expect(clientStdin.readableLength).toBe(0);
    expect(clientStdin.writableNeedDrain).toBe(false);
  });

  it("drops the client's input once the container's stdin has closed", async () => {
    const { fake, clientStdin } = setUp(false);
    fake.stdin.destroy();
    await tick();
    clientStdin.write(Buffer.alloc(64 * 1024));
    await tick();
    expect(clientStdin.readableLength).toBe(0);
  });
});
