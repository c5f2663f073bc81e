// What the Authorizer is asked of a request, as kube-apiserver's RequestInfo derives it: the verb
// from the method (and, for resources, the name and ?watch), the resource or the path. Plain
// functions, so that every entry point (HTTP, the in-process client) asks the same question.
import { QueryParams, firstValue, queryBool } from '@kubenest/apimachinery/query';
import { exactMatch, parseFieldSelector } from '@kubenest/apimachinery/selectors';
import { UserInfo } from '../authn/user-info';
import { AuthorizationAttributes } from './authorizer';

/** What a resource URL addresses (/api/v1/namespaces/default/pods/web/status). */
export interface ResourceAddress {
  group: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
}

/** The verb of a request on a resource, as kube's RequestInfo maps methods. */
export const resourceVerb = (method: string, named: boolean, query: QueryParams): string => {
  switch (method) {
    case 'GET':
      if (named) return 'get';
      return queryBool(firstValue(query, 'watch')) ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
};

/** kube's path.IsValidPathSegmentName: a name that could stand in a URL path as one segment. */
const isPathSegmentName = (name: string): boolean => name !== '.' && name !== '..' && !/[/%]/.test(name);

/**
 * The one object a list or watch selects with `fieldSelector=metadata.name=<name>`: as kube's
 * RequestInfo, its name is the request's, so that a kubelet's watch of one secret is authorized by
 * name (the Node authorizer, RBAC resourceNames). The selector is what narrows the answer to that
 * object; one that does not parse names nothing (the list then answers 400).
 */
export const selectedName = (query: QueryParams): string | undefined => {
  const selector = firstValue(query, 'fieldSelector');
  if (!selector) return undefined;
  let name: string | undefined;
  try {
    name = exactMatch(parseFieldSelector(selector), 'metadata.name');
  } catch {
    return undefined;
  }
  return name && isPathSegmentName(name) ? name : undefined;
};

/**
 * What the Authorizer is asked of `verb` on a resource, by HTTP or by the in-process client alike;
 * `path` is the URL's path, when there is one.
 */
export const verbAttributes = (
  user: UserInfo,
  verb: string,
  address: ResourceAddress,
  query: QueryParams = {},
  path?: string,
): AuthorizationAttributes => {
  const collection = verb === 'list' || verb === 'watch';
  return {
    user,
    verb,
    apiGroup: address.group,
    resource: address.resource,
    subresource: address.subresource ?? '',
    namespace: address.namespace ?? '',
    name: (collection ? selectedName(query) : address.name) ?? '',
    path,
  };
};

/** What the Authorizer is asked of an HTTP request with `method` on a resource URL. */
export const resourceAttributes = (
  user: UserInfo,
  method: string,
  address: ResourceAddress,
  query: QueryParams,
  path: string,
): AuthorizationAttributes => verbAttributes(user, resourceVerb(method, !!address.name, query), address, query, path);

/**
 * What the Authorizer is asked of a non-resource path (/version, /api, /openapi/v3, /healthz): as
 * kube's RequestInfo, the verb is the method lowercased (get, post, put, patch, delete). A HEAD is
 * a get, as kube counts it on resources: Nest's routes answer it as a GET without the body, and
 * kube's roles (system:public-info-viewer, system:discovery) grant get only.
 */
export const nonResourceAttributes = (user: UserInfo, method: string, path: string): AuthorizationAttributes => ({
  user,
  verb: method === 'HEAD' ? 'get' : method.toLowerCase(),
  apiGroup: '',
  resource: '',
  subresource: '',
  namespace: '',
  name: '',
  path,
});
