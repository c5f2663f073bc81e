import { criFinalRecord, criPartialRecord, criRecords, criTimestamp, MAX_LOG_LINE } from './cri-log-format';

const T = '2024-01-01T00:00:00.000000000Z';

describe('CRI log format', () => {
  it('writes nanosecond timestamps', () => {
    expect(criTimestamp(Date.UTC(2024, 0, 1, 0, 0, 0, 123) + 0.4567)).toBe('2024-01-01T00:00:00.123456000Z');
  });

  it.each([
    { name: 'one full line', pending: '', chunk: 'hello\n', records: `${T} stdout F hello\n`, rest: '' },
    { name: 'a tail kept for later', pending: '', chunk: 'a\nb', records: `${T} stdout F a\n`, rest: 'b' },
    { name: 'a tail completed', pending: 'he', chunk: 'llo\n', records: `${T} stdout F hello\n`, rest: '' },
    { name: 'an empty line', pending: '', chunk: '\n', records: `${T} stdout F \n`, rest: '' },
  ])('$name', ({ pending, chunk, records, rest }) => {
    expect(criRecords(pending, chunk, 'stdout', T)).toEqual({ records, rest });
  });

  it('cuts an over-long line into partial records', () => {
    const out = criRecords('', 'x'.repeat(MAX_LOG_LINE + 3), 'stderr', T);
    expect(out.records).toBe(`${T} stderr P ${'x'.repeat(MAX_LOG_LINE)}\n`);
    expect(out.rest).toBe('xxx');
    expect(criFinalRecord(out.rest, 'stderr', T)).toBe(`${T} stderr F xxx\n`);
    expect(criFinalRecord('', 'stderr', T)).toBe('');
    expect(criPartialRecord(out.rest, 'stderr', T)).toBe(`${T} stderr P xxx\n`);
    expect(criPartialRecord('', 'stderr', T)).toBe('');
  });
});
