// Asks the Authorizer whether the request's user may do its verb on the addressed resource, with
// the verb and name derived from the method, path and query as kube-apiserver's RequestInfo does.
import { Inject, Injectable } from '@nestjs/common';
import { AUTHORIZER, AuthorizationAttributes, Authorizer, authorizeRequest, resourceAttributes } from '@kubenest/auth';
import { QueryParams, firstValue, queryBool } from '@kubenest/apimachinery/query';
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

/** What the Authorizer is asked of a resource request by an authenticated user. */
export const requestAttributes = (req: ApiMessage, path: ApiPath): AuthorizationAttributes =>
  resourceAttributes(req.user!, {
    verb: verbOf(req.method!, path, req.query),
    apiGroup: path.group,
    resource: path.resource,
    subresource: path.subresource,
    namespace: path.namespace,
    name: path.name,
    fieldSelector: firstValue(req.query, 'fieldSelector'),
    path: req.pathname,
  });

@Injectable()
export class RequestAuthorizer {
  constructor(@Inject(AUTHORIZER) private readonly authorizer: Authorizer) {}

  authorize(req: ApiMessage, path: ApiPath): Promise<void> {
    return authorizeRequest(this.authorizer, requestAttributes(req, path));
  }
}
