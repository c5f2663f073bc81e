import { ttyCommand } from './tty-command';

describe('ttyCommand', () => {
  it.each([
    { args: ['echo', 'hi'], want: `exec 'echo' 'hi'` },
    { args: ['sh', '-c', `echo 'x' $HOME`], want: `exec 'sh' '-c' 'echo '\\''x'\\'' $HOME'` },
    { args: [''], want: `exec ''` },
  ])('quotes $args for the shell script starts', ({ args, want }) => {
    expect(ttyCommand(args, undefined)[5]).toBe(want);
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
  });
});
