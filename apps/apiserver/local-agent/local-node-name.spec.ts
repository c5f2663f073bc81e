import { localNodeName } from './local-node-name';

describe('localNodeName', () => {
  it.each([
    ['build-host', 'build-host'],
    ['Build-Host', 'build-host'],
    ['My_Laptop.local', 'my-laptop.local'],
    ['-odd-.example.', 'odd.example'],
    ['a..b', 'a.b'],
    ['___', 'localhost'],
    ['', 'localhost'],
    ['x'.repeat(70), 'x'.repeat(63)],
  ])('%j is node %j', (host, name) => expect(localNodeName(host)).toBe(name));

  it('stays within 253 characters', () => {
    const name = localNodeName(Array.from({ length: 10 }, () => 'y'.repeat(40)).join('.'));
    expect(name.length).toBeLessThanOrEqual(253);
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
  });
});
