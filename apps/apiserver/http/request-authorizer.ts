// Asks the Authorizer whether the request's user may do its verb on the addressed resource, with
// the verb and name derived from the method, path and query as kube-apiserver's RequestInfo does.
import { Inject, Injectable } from '@nestjs/common';
import { AUTHORIZER, AuthorizationAttributes, Authorizer, authorizeRequest } from '@kubenest/auth';
import { QueryParams, firstValue, queryBool } from '@kubenest/apimachinery/query';
import { exactMatch, parseFieldSelector } from '@kubenest/apimachinery/selectors';
import { ApiMessage } from './api-message';
import { ApiPath } from './api-path';

const verbOf = (method: string, path: ApiPath, query: QueryParams): string => {
  const watch = queryBool(firstValue(query, 'watch'));
  switch (method) {
    case 'GET':
      if (path.name) return 'get';
      return watch ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return path.name ? 'delete' : 'deletecollection';
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

/** What the Authorizer is asked of a resource request by an authenticated user. */
export const requestAttributes = (req: ApiMessage, path: ApiPath): AuthorizationAttributes => {
  const verb = verbOf(req.method!, path, req.query);
  const collection = verb === 'list' || verb === 'watch';
  return {
    user: req.user!,
    verb,
    apiGroup: path.group,
    resource: path.resource,
    subresource: path.subresource ?? '',
    namespace: path.namespace ?? '',
    name: (collection ? selectedName(req.query) : path.name) ?? '',
    path: req.pathname,
  };
};

@Injectable()
export class RequestAuthorizer {
  constructor(@Inject(AUTHORIZER) private readonly authorizer: Authorizer) {}

  authorize(req: ApiMessage, path: ApiPath): Promise<void> {
    return authorizeRequest(this.authorizer, requestAttributes(req, path));
  }
}
