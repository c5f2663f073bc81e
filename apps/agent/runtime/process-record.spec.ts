import { readFileSync } from 'node:fs';
import { stillRunning } from './process-record';

/** This test process's start time, as the kernel keeps it. */
const ownStartTicks = (): string => {
  const stat = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};

describe('stillRunning', () => {
  it.each([
    {
      name: 'the recorded process itself',
      record: () => ({ pid: process.pid, startTicks: ownStartTicks() }),
      want: true,
    },
    {
      name: 'another process that got the pid since',
      record: () => ({ pid: process.pid, startTicks: String(Number(ownStartTicks()) - 1) }),
      want: false,
    },
    { name: 'a record without a start time', record: () => ({ pid: process.pid, startTicks: '' }), want: false },
    { name: 'no process with the pid', record: () => ({ pid: 2 ** 22 + 1, startTicks: '1' }), want: false },
  ])('$name: $want', ({ record, want }) => expect(stillRunning(record())).toBe(want));
});
