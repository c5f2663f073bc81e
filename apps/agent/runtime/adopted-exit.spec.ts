// An adopted process is seen to exit by polling /proc; its group is killed then, unless its pid
// has meanwhile gone to another process.
import { adoptedExit, UNKNOWN_EXIT } from './adopted-exit';
import { fakeProc, FakeProcess } from './testing/fake-proc';

describe('adoptedExit', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const record = { pid: 777, startTicks: '5000' };

  it.each<{ name: string; after?: FakeProcess; sent: string[] }>([
    { name: 'exited and reaped: the rest of its group is killed', after: undefined, sent: ['SIGKILL -777'] },
    { name: 'a zombie: its group is killed', after: { startTicks: '5000', state: 'Z' }, sent: ['SIGKILL -777'] },
    { name: 'its pid taken by a new process within a poll: no one is killed', after: { startTicks: '9000' }, sent: [] },
  ])('$name', async ({ after, sent }) => {
    const processes = new Map<number, FakeProcess>([[record.pid, { startTicks: '5000' }]]);
    const proc = fakeProc(processes);
    let settled = false;
    const exit = adoptedExit(record, 100, proc).then((e) => ((settled = true), e));

    await jest.advanceTimersByTimeAsync(300);
    expect(settled).toBe(false);
    if (after) processes.set(record.pid, after);
    else processes.delete(record.pid);
    await jest.advanceTimersByTimeAsync(100);

    expect(await exit).toMatchObject(UNKNOWN_EXIT);
    expect(proc.sent).toEqual(sent);
  });
});
