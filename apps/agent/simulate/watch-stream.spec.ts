import { LineSplitter } from './watch-stream';

describe('LineSplitter', () => {
  it.each([
    { name: 'whole lines', chunks: ['{"a":1}\n{"b":2}\n'], want: [['{"a":1}', '{"b":2}']] },
    { name: 'a line cut in two', chunks: ['{"a"', ':1}\n'], want: [[], ['{"a":1}']] },
    { name: 'blank lines skipped', chunks: ['\n{"a":1}\n\n'], want: [['{"a":1}']] },
  ])('$name', ({ chunks, want }) => {
    const s = new LineSplitter();
    expect(chunks.map((c) => s.push(c))).toEqual(want);
  });
});
