// Asks the Authorizer whether the request's user may do its verb on the addressed resource,
// with the verb derived from the HTTP method as kube-apiserver's RequestInfo does.
import { Inject, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { AUTHORIZER, Authorizer, UserInfo, authorizeRequest } from '@kubenest/auth';
import { queryBool } from '@kubenest/apimachinery/query';
import { ApiPath } from './api-path';

const verbOf = (method: string, path: ApiPath, query: Record<string, unknown>): string => {
  const watch = queryBool(query.watch === undefined ? undefined : String(query.watch));
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

@Injectable()
export class RequestAuthorizer {
  constructor(@Inject(AUTHORIZER) private readonly authorizer: Authorizer) {}

  authorize(req: Request, path: ApiPath): Promise<void> {
    return authorizeRequest(this.authorizer, {
      user: req.user as UserInfo,
      verb: verbOf(req.method, path, req.query as Record<string, unknown>),
      apiGroup: path.group,
      resource: path.resource,
      subresource: path.subresource ?? '',
      namespace: path.namespace ?? '',
      name: path.name ?? '',
      path: req.path,
    });
  }
}
