import { ChildProcess } from 'node:child_process';
import type { TerminalSize } from '@kubenest/node-protocol';
import { ResizeDeps, terminalResizer } from './terminal-resize';

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

/** Resize deps whose stty calls finish only when the test says. */
const slowDeps = (terminals: Array<string | undefined>) => {
  const applied: TerminalSize[] = [];
  const pending: Array<() => void> = [];
  const deps: ResizeDeps & { findTerminal: jest.Mock } = {
    findTerminal: jest.fn(async () => terminals.shift()),
    stty: (_terminal, size) =>
      new Promise((done) =>
        pending.push(() => {
          applied.push(size);
          done();
        }),
      ),
  };
  const finishOne = async () => {
    pending.shift()?.();
    await settle();
  };
  return { deps, applied, pending, finishOne };
};

const session = { pid: 4242 } as ChildProcess;
const size = (width: number): TerminalSize => ({ width, height: 24 });

describe('terminalResizer', () => {
  it('applies sizes one at a time, then only the latest of those that came meanwhile', async () => {
    const { deps, applied, pending, finishOne } = slowDeps(['/dev/pts/3']);
    const resize = terminalResizer(session, deps);
    resize(size(80));
    await settle();
    resize(size(90));
    resize(size(100));
    await settle();
    expect(pending).toHaveLength(1);
    await finishOne();
    await finishOne();
    expect(applied).toEqual([size(80), size(100)]);
    expect(pending).toHaveLength(0);
  });

  it('finds the terminal once', async () => {
    const { deps, finishOne } = slowDeps(['/dev/pts/3']);
    const resize = terminalResizer(session, deps);
    resize(size(80));
    await settle();
    await finishOne();
    resize(size(90));
    await settle();
    await finishOne();
    expect(deps.findTerminal).toHaveBeenCalledTimes(1);
  });

  it('looks again while the terminal is not there yet', async () => {
    const { deps, applied, finishOne } = slowDeps([undefined, '/dev/pts/3']);
    const resize = terminalResizer(session, deps);
    resize(size(80));
    await settle();
    resize(size(90));
    await settle();
    await finishOne();
    expect(applied).toEqual([size(90)]);
    expect(deps.findTerminal).toHaveBeenCalledTimes(2);
  });
});
