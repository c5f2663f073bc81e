import { keyOf, splitKey } from './keys';

describe('work queue keys', () => {
  it.each([
    {
      name: 'namespaced',
      meta: { namespace: 'default', name: 'web' },
      key: 'default/web',
      split: { namespace: 'default', name: 'web' },
    },
    { name: 'cluster-scoped', meta: { name: 'node-1' }, key: 'node-1', split: { name: 'node-1' } },
  ])('$name: $key', ({ meta, key, split }) => {
    expect(keyOf({ metadata: meta })).toBe(key);
    expect(splitKey(key)).toEqual(split);
  });

  it('refuses a key with more than one slash', () => expect(() => splitKey('a/b/c')).toThrow('unexpected key format'));
});
