import { groupVersionPath, resourcePath } from './resource-path';

describe('resourcePath', () => {
  const pods = { group: '', version: 'v1', resource: 'pods' };
  const deployments = { group: 'apps', version: 'v1', resource: 'deployments' };
  it.each([
    { name: 'core group', path: groupVersionPath('', 'v1'), want: '/api/v1' },
    { name: 'named group', path: groupVersionPath('apps', 'v1'), want: '/apis/apps/v1' },
    { name: 'a collection in all namespaces', path: resourcePath(pods), want: '/api/v1/pods' },
    {
      name: 'an object',
      path: resourcePath(deployments, 'ns', 'web'),
      want: '/apis/apps/v1/namespaces/ns/deployments/web',
    },
    {
      name: 'a subresource',
      path: resourcePath(pods, 'ns', 'p', 'status'),
      want: '/api/v1/namespaces/ns/pods/p/status',
    },
    {
      name: 'names percent-encoded',
      path: resourcePath(pods, 'n s', 'a/b'),
      want: '/api/v1/namespaces/n%20s/pods/a%2Fb',
    },
  ])('$name', ({ path, want }) => expect(path).toBe(want));
});
