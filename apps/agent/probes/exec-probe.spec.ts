import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { execProbe } from './exec-probe';
import type { ProbeTarget } from './probe-target';

/** A target whose exec returns a child that does what `act` says. */
const target = (act: (child: EventEmitter) => void) => {
  const kill = jest.fn();
  const argvs: string[][] = [];
  const t: ProbeTarget = {
    podIP: '127.0.0.1',
    ports: [],
    exec: (argv) => {
      argvs.push(argv);
      const child = Object.assign(new EventEmitter(), { kill });
      act(child);
      return child as unknown as ChildProcess;
    },
  };
  return { t, kill, argvs };
};

describe('execProbe', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it.each([
    { name: 'exit 0 is success', act: (c: EventEmitter) => setTimeout(() => c.emit('exit', 0), 10), want: 'success' },
    { name: 'exit 1 is failure', act: (c: EventEmitter) => setTimeout(() => c.emit('exit', 1), 10), want: 'failure' },
    {
      name: 'a command that cannot start is failure',
      act: (c: EventEmitter) => setTimeout(() => c.emit('error', new Error('ENOENT')), 10),
      want: 'failure',
    },
  ])('$name', async ({ act, want }) => {
    const { t, argvs } = target(act);
    const result = execProbe(t, ['cat', '/tmp/healthy'], 1000);
    await jest.advanceTimersByTimeAsync(10);
    expect(await result).toBe(want);
    expect(argvs).toEqual([['cat', '/tmp/healthy']]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('kills a command still running at timeoutSeconds and fails', async () => {
    const { t, kill } = target(() => undefined);
    const result = execProbe(t, ['sleep', '10'], 1000);
    await jest.advanceTimersByTimeAsync(999);
    expect(kill).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(await result).toBe('failure');
    expect(kill).toHaveBeenCalledWith('SIGKILL');
  });

  it('fails an empty command without running anything', async () => {
    const { t, argvs } = target(() => undefined);
    expect(await execProbe(t, [], 1000)).toBe('failure');
    expect(argvs).toEqual([]);
  });
});
