// A leftover postmaster is waited for only while its pid is still that postgres, and SIGKILLed at
// the deadline only then: a pid it left may have gone to another process.
import { PostmasterSignals, ProcReader, stopPostmaster } from './leftover-postmaster';

const DATA_DIR = '/var/lib/kubenest/pg';
const PID = 31337;

interface Process {
  program: string;
  cwd: string;
  state?: string;
}

const POSTMASTER: Process = { program: '/opt/pg/bin/postgres', cwd: DATA_DIR };

/** A /proc holding one process at PID, which the test replaces as signals arrive. */
function fakeHost(onSignal: (signal: string) => Process | undefined, initial: Process = POSTMASTER) {
  let current: Process | undefined = initial;
  const sent: string[] = [];
  const proc: ProcReader = {
    stat: (pid) => (pid === PID && current ? `${pid} (postgres) ${current.state ?? 'S'} 1 ${pid}\n` : undefined),
    cmdline: (pid) => (pid === PID && current ? `${current.program}\0-D\0${DATA_DIR}\0` : undefined),
    cwd: (pid) => (pid === PID ? current?.cwd : undefined),
  };
  const signals: PostmasterSignals = {
    proc,
    kill: (pid, signal) => {
      sent.push(`${signal} ${pid}`);
      current = onSignal(signal);
    },
  };
  return { signals, sent };
}

describe('stopPostmaster', () => {
  it.each<{ name: string; after: (signal: string) => Process | undefined; sent: string[] }>([
    { name: 'it stops on SIGINT', after: () => undefined, sent: ['SIGINT 31337'] },
    { name: 'it is left a zombie', after: () => ({ ...POSTMASTER, state: 'Z' }), sent: ['SIGINT 31337'] },
    {
      name: 'it ignores SIGINT: SIGKILL at the deadline',
      after: (signal) => (signal === 'SIGKILL' ? undefined : POSTMASTER),
      sent: ['SIGINT 31337', 'SIGKILL 31337'],
    },
    {
      name: 'its pid goes to another program: that one is not killed',
      after: () => ({ program: '/usr/bin/sleep', cwd: DATA_DIR }),
      sent: ['SIGINT 31337'],
    },
    {
      name: 'its pid goes to a postgres of another data directory: that one is not killed',
      after: () => ({ ...POSTMASTER, cwd: '/srv/other-pg' }),
      sent: ['SIGINT 31337'],
    },
  ])('$name', async ({ after, sent }) => {
    const host = fakeHost(after);
    await stopPostmaster(PID, DATA_DIR, 120, host.signals);
    expect(host.sent).toEqual(sent);
  });
});
