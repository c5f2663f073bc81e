// The attributes of a resource request, built the same way whoever asks: the HTTP layer from a
// method and URL, the in-process client from a call, as kube-apiserver's RequestInfo names them.
import { exactMatch, parseFieldSelector } from '@kubenest/apimachinery/selectors';
import { UserInfo } from '../authn/user-info';
import { AuthorizationAttributes } from './authorizer';

/** What a resource request addresses, as a URL would name it. */
export interface ResourceRequest {
  /** get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** A list's or watch's field selector: `metadata.name=<name>` names the one object it selects. */
  fieldSelector?: string;
  /** The request's URL path, when there is one. */
  path?: string;
}

/** kube's path.IsValidPathSegmentName: a name that could stand in a URL path as one segment. */
const isPathSegmentName = (name: string): boolean => name !== '.' && name !== '..' && !/[/%]/.test(name);

/**
 * The one object a list or watch selects with `fieldSelector=metadata.name=<name>`: as kube's
 * RequestInfo, its name is the request's, so that a kubelet's watch of one secret is authorized by
 * name (the Node authorizer, RBAC resourceNames). The selector is what narrows the answer to that
 * object; one that does not parse names nothing (the list then answers 400).
 */
export const selectedName = (fieldSelector: string | undefined): string | undefined => {
  if (!fieldSelector) return undefined;
  let name: string | undefined;
  try {
    name = exactMatch(parseFieldSelector(fieldSelector), 'metadata.name');
  } catch {
    return undefined;
  }
  return name && isPathSegmentName(name) ? name : undefined;
};

/** What the Authorizer is asked of a resource request by `user`. */
export const resourceAttributes = (user: UserInfo, request: ResourceRequest): AuthorizationAttributes => {
  const collection = request.verb === 'list' || request.verb === 'watch';
  return {
    user,
    verb: request.verb,
    apiGroup: request.apiGroup,
    resource: request.resource,
    subresource: request.subresource ?? '',
    namespace: request.namespace ?? '',
    name: (collection ? selectedName(request.fieldSelector) : request.name) ?? '',
    path: request.path,
  };
};

/** The URL path of a resource request, as a client would have sent it. */
export const resourcePath = (r: Omit<ResourceRequest, 'verb' | 'fieldSelector' | 'path'> & { version: string }) =>
  [
    r.apiGroup ? `/apis/${r.apiGroup}/${r.version}` : `/api/${r.version}`,
    r.namespace ? `/namespaces/${r.namespace}` : '',
    `/${r.resource}`,
    r.name ? `/${r.name}` : '',
    r.name && r.subresource ? `/${r.subresource}` : '',
  ].join('');
