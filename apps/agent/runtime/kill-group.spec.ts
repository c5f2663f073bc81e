// A container's group is signalled by its leader's pid only while that pid is not another process's.
import { killLeaderGroup } from './kill-group';
import { processStartTicks } from './proc-stat';
import { fakeProc, FakeProcess, statLine } from './testing/fake-proc';

describe('processStartTicks', () => {
  it('reads field 22 past a command holding spaces and parentheses', () => {
    const stat = statLine(42, { startTicks: '12345', comm: 'a) (b c' });
    expect(processStartTicks(42, () => stat)).toBe('12345');
  });

  it('is undefined when no process has the pid', () => {
    expect(processStartTicks(42, () => undefined)).toBeUndefined();
  });
});

describe('killLeaderGroup', () => {
  const leader = { pid: 4242, startTicks: '1000' };

  it.each<{ name: string; now?: FakeProcess; recorded?: string; sent: string[] }>([
    { name: 'the leader itself, running', now: { startTicks: '1000' }, sent: ['SIGTERM -4242'] },
    { name: 'the leader exited, not yet reaped', now: { startTicks: '1000', state: 'Z' }, sent: ['SIGTERM -4242'] },
    { name: 'the leader reaped: what is left of its group', now: undefined, sent: ['SIGTERM -4242'] },
    { name: 'another process that got the pid since', now: { startTicks: '2000' }, sent: [] },
    {
      name: 'a leader whose start time was not read',
      now: { startTicks: '2000' },
      recorded: '',
      sent: ['SIGTERM -4242'],
    },
  ])('$name', ({ now, recorded, sent }) => {
    const proc = fakeProc(new Map(now ? [[leader.pid, now]] : []));
    killLeaderGroup({ ...leader, startTicks: recorded ?? leader.startTicks }, 'SIGTERM', proc);
    expect(proc.sent).toEqual(sent);
  });
});
