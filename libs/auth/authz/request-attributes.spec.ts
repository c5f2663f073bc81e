import { parse } from 'node:querystring';
import { nonResourceAttributes, resourceAttributes, verbAttributes } from './request-attributes';

const user = { name: 'system:node:w1', groups: ['system:nodes', 'system:authenticated'] };

const attributesOf = (method: string, url: string) => {
  const [pathname, query = ''] = url.split('?');
  const [, , , , namespace, resource, objectName] = pathname.split('/');
  const address = { group: '', namespace, resource, name: objectName };
  const { verb, name } = resourceAttributes(user, method, address, parse(query), pathname);
  return { verb, name };
};

const SECRETS = '/api/v1/namespaces/default/secrets';

describe('resourceAttributes', () => {
  it.each([
    { url: `${SECRETS}/app`, verb: 'get', name: 'app' },
    { url: SECRETS, verb: 'list', name: '' },
    { url: `${SECRETS}?watch=true`, verb: 'watch', name: '' },
    // As kube's RequestInfo: a list or watch of one object by name is authorized as that name.
    { url: `${SECRETS}?fieldSelector=metadata.name%3Dapp`, verb: 'list', name: 'app' },
    { url: `${SECRETS}?fieldSelector=metadata.name%3Dapp&watch=true`, verb: 'watch', name: 'app' },
    { url: `${SECRETS}?watch=1&fieldSelector=metadata.name%3D%3Dapp`, verb: 'watch', name: 'app' },
    { url: `${SECRETS}?fieldSelector=metadata.namespace%3Ddefault,metadata.name%3Dapp`, verb: 'list', name: 'app' },
    { url: `${SECRETS}?fieldSelector=metadata.name!%3Dapp`, verb: 'list', name: '' },
    { url: `${SECRETS}?fieldSelector=type%3DOpaque`, verb: 'list', name: '' },
    { url: `${SECRETS}?fieldSelector=metadata.name%3D`, verb: 'list', name: '' },
    // Names that could not stand as a path segment name nothing, as kube's IsValidPathSegmentName.
    { url: `${SECRETS}?fieldSelector=metadata.name%3D..`, verb: 'list', name: '' },
    { url: `${SECRETS}?fieldSelector=metadata.name%3Da%2Fb`, verb: 'list', name: '' },
    { url: `${SECRETS}?fieldSelector=metadata.name%3Da%25b`, verb: 'list', name: '' },
    // A selector that does not parse names nothing; the list answers 400 after authorization.
    { url: `${SECRETS}?fieldSelector=metadata.name`, verb: 'list', name: '' },
    { url: `${SECRETS}?fieldSelector=metadata.name%3Da%5Cx`, verb: 'list', name: '' },
    // The object's own URL keeps its name, whatever the selector; ?watch=true there is a get, as kube's.
    { url: `${SECRETS}/app?fieldSelector=metadata.name%3Dother`, verb: 'get', name: 'app' },
    { url: `${SECRETS}/app?watch=true`, verb: 'get', name: 'app' },
  ])('GET $url → $verb "$name"', ({ url, verb, name }) => {
    expect(attributesOf('GET', url)).toEqual({ verb, name });
  });

  it('names no object of a delete of a collection, whatever its selector', () => {
    expect(attributesOf('DELETE', `${SECRETS}?fieldSelector=metadata.name%3Dapp`)).toEqual({
      verb: 'deletecollection',
      name: '',
    });
  });
});

describe('nonResourceAttributes', () => {
  it.each([
    ['GET', 'get'],
    ['HEAD', 'get'],
    ['POST', 'post'],
    ['PUT', 'put'],
    ['PATCH', 'patch'],
    ['DELETE', 'delete'],
    ['OPTIONS', 'options'],
  ])('%s /version → %s', (method, verb) => {
    expect(nonResourceAttributes(user, method, '/version')).toEqual({
      user,
      verb,
      apiGroup: '',
      resource: '',
      subresource: '',
      namespace: '',
      name: '',
      path: '/version',
    });
  });
});

describe('verbAttributes', () => {
  it('asks what the HTTP request with that verb asks, without a method or a path', () => {
    const address = { group: 'apps', namespace: 'default', resource: 'deployments', name: 'web', subresource: 'scale' };
    const { path: _path, ...asked } = resourceAttributes(user, 'PUT', address, {}, '/apis/apps/v1/x');
    expect(verbAttributes(user, 'update', address)).toEqual({ ...asked, path: undefined });
    expect(
      verbAttributes(user, 'watch', { group: '', resource: 'secrets' }, parse('fieldSelector=metadata.name%3Dapp'))
        .name,
    ).toBe('app');
  });
});
