import { parseResourceName } from './resource-name';

describe('parseResourceName', () => {
  it.each([
    { name: 'v1/pods', want: { group: '', version: 'v1', resource: 'pods' } },
    { name: 'apps/v1/replicasets', want: { group: 'apps', version: 'v1', resource: 'replicasets' } },
  ])('$name', ({ name, want }) => expect(parseResourceName(name)).toEqual(want));

  it.each(['pods', 'a/b/c/d', 'v1/', '/v1/pods'])('refuses %s', (name) =>
    expect(() => parseResourceName(name)).toThrow('a resource is named'),
  );
});
