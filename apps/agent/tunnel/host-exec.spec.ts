import { shellQuote, ttyCommand } from './host-exec';

describe('tty command line', () => {
  it.each([
    { args: ['echo', 'hi'], want: `'echo' 'hi'` },
    { args: ['sh', '-c', `echo 'x' $HOME`], want: `'sh' '-c' 'echo '\\''x'\\'' $HOME'` },
    { args: [''], want: `''` },
  ])('quotes $args', ({ args, want }) => {
    expect(shellQuote(args)).toBe(want);
  });

  it('sizes the terminal before the command replaces the shell', () => {
    expect(ttyCommand(['sh'], { width: 100, height: 30 })).toEqual([
      'script',
      '--quiet',
      '--flush',
      '--return',
      '--command',
      `stty cols 100 rows 30 2>/dev/null; exec 'sh'`,
      '/dev/null',
    ]);
    expect(ttyCommand(['sh'], undefined)[5]).toBe(`exec 'sh'`);
  });
});
