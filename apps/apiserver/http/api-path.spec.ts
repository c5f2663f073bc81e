// What a resource URL addresses, and the URLs that address nothing.
import { StatusError } from '@kubenest/apimachinery';
import { parseApiPath } from './api-path';

describe('parseApiPath', () => {
  it.each([
    { rest: ['pods'], want: { resource: 'pods' } },
    { rest: ['namespaces', 'default', 'pods', 'web'], want: { namespace: 'default', resource: 'pods', name: 'web' } },
    {
      rest: ['namespaces', 'default', 'pods', 'web', 'log'],
      want: { namespace: 'default', name: 'web', subresource: 'log' },
    },
    {
      rest: ['namespaces', 'gone', 'finalize'],
      want: { resource: 'namespaces', name: 'gone', subresource: 'finalize' },
    },
  ])('$rest', ({ rest, want }) => {
    expect(parseApiPath('', 'v1', rest)).toMatchObject(want);
  });

  it.each([
    { name: 'nothing after the version', rest: [] },
    { name: 'too many segments', rest: ['namespaces', 'default', 'pods', 'web', 'log', 'more'] },
    { name: 'a NUL byte in a name', rest: ['namespaces', 'default', 'pods', 'a\0b'] },
    { name: 'a NUL byte in a namespace', rest: ['namespaces', '\0', 'pods'] },
  ])('404 for $name', ({ rest }) => {
    const parse = () => parseApiPath('', 'v1', rest);
    expect(parse).toThrow(StatusError);
    expect(parse).toThrow(expect.objectContaining({ code: 404 }));
  });
});
