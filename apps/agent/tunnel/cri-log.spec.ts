import { CriRecord, formatRecords, parseCriLine, selectRecords, splitLines, withinLimit } from './cri-log';

const rec = (second: number, content: string, partial = false): CriRecord => {
  const timestamp = `2026-01-01T00:00:${String(second).padStart(2, '0')}.000000001Z`;
  return { timestamp, time: Date.parse(timestamp), stream: 'stdout', partial, content };
};

describe('parseCriLine', () => {
  it.each([
    {
      line: '2026-01-01T00:00:01.123456789Z stdout F hello world',
      want: { stream: 'stdout', partial: false, content: 'hello world' },
    },
    { line: '2026-01-01T00:00:01Z stderr P half', want: { stream: 'stderr', partial: true, content: 'half' } },
    { line: '2026-01-01T00:00:01Z stdout F ', want: { content: '' } },
    { line: '2026-01-01T00:00:01Z stdout F', want: { content: '' } },
  ])('reads $line', ({ line, want }) => {
    expect(parseCriLine(line)).toMatchObject(want);
  });

  it.each(['plain text', 'not-a-time stdout F x', '2026-01-01T00:00:01Z stdin F x'])('skips %p', (line) => {
    expect(parseCriLine(line)).toBeUndefined();
  });
});

describe('formatRecords', () => {
  const records = [rec(1, 'one'), rec(2, 'par', true), rec(3, 'tial')];

  it('joins partial records into one line', () => {
    expect(formatRecords(records, false).text).toBe('one\npartial\n');
  });

  it('puts a timestamp where each line starts, not before a continuation', () => {
    expect(formatRecords(records, true).text).toBe(`${records[0].timestamp} one\n${records[1].timestamp} partial\n`);
  });

  it('carries a partial line across batches', () => {
    const first = formatRecords([rec(1, 'a', true)], true);
    expect(first.atLineStart).toBe(false);
    expect(formatRecords([rec(2, 'b')], true, first.atLineStart).text).toBe('b\n');
  });
});

describe('selectRecords', () => {
  const records = [rec(1, 'a'), rec(2, 'b'), rec(3, 'c', true), rec(4, 'c2'), rec(5, 'd')];
  const now = Date.parse('2026-01-01T00:00:06Z');
  const contents = (r: CriRecord[]) => r.map((x) => x.content);

  it.each([
    { name: 'everything by default', options: {}, want: ['a', 'b', 'c', 'c2', 'd'] },
    { name: 'the last line', options: { tailLines: 1 }, want: ['d'] },
    { name: 'a partial line counts once', options: { tailLines: 2 }, want: ['c', 'c2', 'd'] },
    { name: 'tail 0 is nothing', options: { tailLines: 0 }, want: [] },
    { name: 'more lines than there are', options: { tailLines: 99 }, want: ['a', 'b', 'c', 'c2', 'd'] },
    { name: 'since seconds', options: { sinceSeconds: 3 }, want: ['c', 'c2', 'd'] },
    { name: 'since a time', options: { sinceTime: '2026-01-01T00:00:04Z' }, want: ['c2', 'd'] },
    { name: 'since, then tail', options: { sinceSeconds: 5, tailLines: 2 }, want: ['c', 'c2', 'd'] },
  ])('$name', ({ options, want }) => {
    expect(contents(selectRecords(records, options, now))).toEqual(want);
  });
});

describe('splitLines and withinLimit', () => {
  it('keeps an unfinished line for later', () => {
    expect(splitLines('a\nb\nc')).toEqual({ lines: ['a', 'b'], rest: 'c' });
    expect(splitLines('a\n')).toEqual({ lines: ['a'], rest: '' });
  });

  it.each([
    { text: 'hello', remaining: undefined, want: 'hello' },
    { text: 'hello', remaining: 10, want: 'hello' },
    { text: 'hello', remaining: 3, want: 'hel' },
  ])('limits $text to $remaining bytes', ({ text, remaining, want }) => {
    expect(withinLimit(text, remaining).toString()).toBe(want);
  });
});
