// The attributes HTTP and the in-process client both ask the Authorizer with.
import { resourceAttributes, resourcePath } from './resource-attributes';

const user = { name: 'u', groups: [] };

describe('resourceAttributes', () => {
  it.each([
    { name: 'a get names its object', verb: 'get', objectName: 'a', fieldSelector: undefined, want: 'a' },
    { name: 'a list names nothing', verb: 'list', objectName: undefined, fieldSelector: undefined, want: '' },
    {
      name: 'a watch of one name names it',
      verb: 'watch',
      objectName: undefined,
      fieldSelector: 'metadata.name=a',
      want: 'a',
    },
    {
      name: 'a list by another field names nothing',
      verb: 'list',
      objectName: undefined,
      fieldSelector: 'spec.nodeName=a',
      want: '',
    },
    {
      name: 'a selector that does not parse names nothing',
      verb: 'list',
      objectName: undefined,
      fieldSelector: 'metadata.name',
      want: '',
    },
    {
      name: 'a name no path could hold names nothing',
      verb: 'list',
      objectName: undefined,
      fieldSelector: 'metadata.name=a/b',
      want: '',
    },
  ])('$name', ({ verb, objectName, fieldSelector, want }) => {
    const attributes = resourceAttributes(user, {
      verb,
      apiGroup: '',
      resource: 'secrets',
      namespace: 'ns',
      name: objectName,
      fieldSelector,
    });
    expect(attributes).toEqual({
      user,
      verb,
      apiGroup: '',
      resource: 'secrets',
      subresource: '',
      namespace: 'ns',
      name: want,
      path: undefined,
    });
  });
});

describe('resourcePath', () => {
  it.each([
    {
      r: { apiGroup: '', version: 'v1', resource: 'pods', namespace: 'ns', name: 'p', subresource: 'binding' },
      want: '/api/v1/namespaces/ns/pods/p/binding',
    },
    {
      r: { apiGroup: 'apps', version: 'v1', resource: 'deployments', namespace: 'ns' },
      want: '/apis/apps/v1/namespaces/ns/deployments',
    },
    { r: { apiGroup: '', version: 'v1', resource: 'nodes', name: 'n1' }, want: '/api/v1/nodes/n1' },
  ])('$want', ({ r, want }) => expect(resourcePath(r)).toBe(want));
});
