// Which URLs are resource URLs, what they address, and the ones that address nothing.
import { StatusError } from '@kubenest/apimachinery';
import { isResourceUrl, parseApiPath } from './api-path';

describe('isResourceUrl', () => {
  it.each([
    ['/api/v1/pods', true],
    ['/api/v1/namespaces/default/pods?watch=1', true],
    ['/apis/apps/v1/deployments', true],
    ['/api/v1', false],
    ['/api/v1/', false],
    ['/api/v1?timeout=32s', false],
    ['/apis/apps/v1', false],
    ['/apis/apps', false],
    ['/api', false],
    ['/openapi/v3/api/v1', false],
    ['/API/v1/pods', false],
  ])('%s: %s', (url, want) => {
    expect(isResourceUrl(url)).toBe(want);
  });
});

describe('parseApiPath', () => {
  it.each([
    { url: '/api/v1/pods', want: { group: '', version: 'v1', resource: 'pods' } },
    { url: '/apis/apps/v1/deployments', want: { group: 'apps', version: 'v1', resource: 'deployments' } },
    {
      url: '/api/v1/namespaces/default/pods/web',
      want: { namespace: 'default', resource: 'pods', name: 'web' },
    },
    {
      url: '/api/v1/namespaces/default/pods/web/log',
      want: { namespace: 'default', name: 'web', subresource: 'log' },
    },
    {
      url: '/api/v1/namespaces/gone/finalize',
      want: { namespace: undefined, resource: 'namespaces', name: 'gone', subresource: 'finalize' },
    },
    { url: '/api/v1/namespaces/d%65fault/configmaps/a%2Fb', want: { namespace: 'default', name: 'a/b' } },
    { url: '/api/v1/namespaces/default/configmaps/', want: { namespace: 'default', resource: 'configmaps' } },
  ])('$url', ({ url, want }) => {
    expect(parseApiPath(url)).toMatchObject(want);
  });

  it.each([
    { name: 'nothing after the version', url: '/api/v1/', code: 404 },
    { name: 'too many segments', url: '/api/v1/namespaces/default/pods/web/log/more', code: 404 },
    { name: 'a NUL byte in a name', url: '/api/v1/namespaces/default/pods/a%00b', code: 404 },
    { name: 'a NUL byte in a namespace', url: '/api/v1/namespaces/%00/pods', code: 404 },
    { name: 'broken percent-encoding', url: '/api/v1/namespaces/default/pods/%E0%A4%A', code: 400 },
  ])('$code for $name', ({ url, code }) => {
    const parse = () => parseApiPath(url);
    expect(parse).toThrow(StatusError);
    expect(parse).toThrow(expect.objectContaining({ code }));
  });
});
