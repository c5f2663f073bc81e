import { execPlan, ExecContext } from './exec-plan';

describe('execPlan', () => {
  const context = (privateMounts: boolean): ExecContext => ({
    pid: 4242,
    privateMounts,
    cwd: '/etc/x',
    env: { PATH: '/bin', GREETING: 'hi' },
  });

  it.each([
    {
      name: 'a plain process in the working directory without private mounts',
      privateMounts: false,
      want: { file: 'cat', args: ['/etc/x/key'], cwd: '/etc/x' },
    },
    {
      name: "nsenter into the container's mount namespace, cwd resolved there",
      privateMounts: true,
      want: {
        file: 'nsenter',
        args: [
          '--target=4242',
          '--mount',
          '--',
          '/bin/sh',
          '-c',
          'cd -- "$1" && shift && exec "$@"',
          'sh',
          '/etc/x',
          'cat',
          '/etc/x/key',
        ],
        cwd: '/',
      },
    },
  ])('$name', ({ privateMounts, want }) => {
    expect(execPlan(['cat', '/etc/x/key'], context(privateMounts))).toEqual({
      ...want,
      env: { PATH: '/bin', GREETING: 'hi' },
    });
  });

  it.each([
    { name: 'plain', privateMounts: false, prefix: [] as string[] },
    {
      name: 'in the namespace',
      privateMounts: true,
      prefix: [
        'nsenter',
        '--target=4242',
        '--mount',
        '--',
        '/bin/sh',
        '-c',
        'cd -- "$1" && shift && exec "$@"',
        'sh',
        '/etc/x',
      ],
    },
  ])('runs a tty session under script, $name', ({ privateMounts, prefix }) => {
    const plan = execPlan(['sh'], context(privateMounts), { size: { width: 80, height: 24 } });
    expect([plan.file, ...plan.args]).toEqual([
      ...prefix,
      'script',
      '--quiet',
      '--flush',
      '--return',
      '--command',
      `stty cols 80 rows 24 2>/dev/null; exec 'sh'`,
      '/dev/null',
    ]);
    expect(plan.env).toEqual({ PATH: '/bin', GREETING: 'hi', SHELL: '/bin/sh', TERM: 'xterm' });
  });

  it("keeps the container's own TERM", () => {
    const withTerm = { ...context(false), env: { TERM: 'vt100' } };
    expect(execPlan(['sh'], withTerm, {}).env.TERM).toBe('vt100');
  });
});
