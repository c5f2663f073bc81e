import { WatchLines, WatchLineTooLongError } from './watch-lines';

const push = (lines: WatchLines, chunks: string[]) => chunks.map((c) => [...lines.push(Buffer.from(c))]);
const accented = Buffer.from('{"a":"é"}\n');

describe('WatchLines', () => {
  it.each([
    { name: 'whole lines', chunks: ['{"a":1}\n{"b":2}\n'], want: [['{"a":1}', '{"b":2}']] },
    { name: 'a line cut in two', chunks: ['{"a"', ':1}\n'], want: [[], ['{"a":1}']] },
    { name: 'blank lines skipped', chunks: ['\n{"a":1}\n\n'], want: [['{"a":1}']] },
    { name: 'a line of exactly the bound', chunks: ['0123456789\n'], want: [['0123456789']] },
  ])('$name', ({ chunks, want }) => expect(push(new WatchLines(10), chunks)).toEqual(want));

  it('joins a character cut between chunks', () => {
    const lines = new WatchLines(20);
    expect([[...lines.push(accented.subarray(0, 7))], [...lines.push(accented.subarray(7))]]).toEqual([
      [],
      ['{"a":"é"}'],
    ]);
  });

  it.each([
    { name: 'one chunk past the bound', chunks: ['0123456789X\n'] },
    { name: 'a line growing past the bound without a newline', chunks: ['01234', '56789', 'X'] },
  ])('refuses $name', ({ chunks }) => {
    expect(() => push(new WatchLines(10), chunks)).toThrow(WatchLineTooLongError);
  });

  it('hands over the lines before the one refused', () => {
    const seen: string[] = [];
    expect(() => {
      for (const line of new WatchLines(10).push(Buffer.from('{"a":1}\n0123456789X'))) seen.push(line);
    }).toThrow(WatchLineTooLongError);
    expect(seen).toEqual(['{"a":1}']);
  });

  it('counts only the unfinished line', () => {
    const lines = new WatchLines(10);
    expect(push(lines, ['012345678\n', '012345678\n'])).toEqual([['012345678'], ['012345678']]);
  });
});
