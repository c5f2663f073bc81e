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

  it.each([
    { name: 'a fraction', size: { width: 80.5, height: 24 } },
    { name: 'a negative number', size: { width: -1, height: 24 } },
    { name: 'too large', size: { width: 80, height: 70_000 } },
    { name: 'shell text', size: { width: '80; reboot' as unknown as number, height: 24 } },
  ])('leaves the terminal unsized when the size is $name', ({ size }) => {
    expect(ttyCommand(['sh'], size)[5]).toBe(`exec 'sh'`);
  });
});
