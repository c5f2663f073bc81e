// Extension values as YAML text: block style, and strings quoted whenever YAML 1.1 would read them otherwise.
import { toExtensionYaml } from './vendor-extension-yaml';

describe('toExtensionYaml', () => {
  it.each([
    ['a plain word', 'merge', 'merge\n'],
    ['a list of strategies', 'retainKeys,merge', '"retainKeys,merge"\n'],
    ['an empty string', '', '""\n'],
    ['a word YAML 1.1 reads as a bool', 'on', '"on"\n'],
    ['a number-like string', '1.0', '"1.0"\n'],
    ['a line break', 'a\nb', '"a\\nb"\n'],
    ['a bool', true, 'true\n'],
    ['a number', 3, '3\n'],
    ['a list of keys', ['name', 'protocol'], '- name\n- protocol\n'],
    ['an empty list', [], '[]\n'],
    ['a GVK, keys sorted', { version: 'v1', kind: 'Pod', group: '' }, 'group: ""\nkind: Pod\nversion: v1\n'],
    [
      'a list of GVKs',
      [{ group: 'apps', version: 'v1', kind: 'Scale' }],
      '- group: apps\n  kind: Scale\n  version: v1\n',
    ],
    ['nested collections', { a: { b: ['c'] } }, 'a:\n    b:\n        - c\n'],
  ])('writes %s', (_name, value, yaml) => {
    expect(toExtensionYaml(value)).toBe(yaml);
  });
});
