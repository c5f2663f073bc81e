import { launchPlan, shellQuote } from './launch-plan';

describe('launchPlan', () => {
  const mounts = [
    { source: '/data/pods/u/volumes/cfg', target: '/etc/config', readOnly: true },
    { source: "/data/it's", target: '/scratch', readOnly: false },
  ];

  it.each([
    { name: 'non-root spawns the command directly and links the mounts', root: false, file: 'sh', links: 2 },
    { name: 'root without mounts spawns directly', root: true, noMounts: true, file: 'sh', links: 0 },
    { name: 'root with mounts runs in a private mount namespace', root: true, file: 'unshare', links: 0 },
  ])('$name', ({ root, noMounts, file, links }) => {
    const plan = launchPlan(['sh', '-c', 'echo hi'], noMounts ? [] : mounts, '/work', root);
    expect(plan.file).toBe(file);
    expect(plan.links).toHaveLength(links);
    if (file === 'sh') expect(plan).toMatchObject({ args: ['-c', 'echo hi'], cwd: '/work' });
  });

  it('bind-mounts, remounts read-only ones, changes directory and execs the argv', () => {
    const plan = launchPlan(['sh', '-c', 'echo hi'], mounts, '/work', true);
    expect(plan.args.slice(0, 6)).toEqual(['--mount', '--propagation', 'private', '--', 'sh', '-c']);
    expect(plan.args[6]).toBe(
      "mount --bind '/data/pods/u/volumes/cfg' '/etc/config' && mount -o remount,bind,ro '/etc/config' && " +
        "mount --bind '/data/it'\\''s' '/scratch' && cd '/work' && exec \"$@\"",
    );
    expect(plan.args.slice(7)).toEqual(['kubenest-container', 'sh', '-c', 'echo hi']);
  });

  it('quotes for sh', () => expect(shellQuote("a'b c")).toBe("'a'\\''b c'"));
});
