// As kube-apiserver's WithAuthorization: the endpoint resolves what the request asks (a resource
// and verb, or a path), and the Authorizer decides before any handler reads the body; a denial is
// the 403 Status. The attributes and the decision are libs/auth's, which the in-process client uses too.
import { Authorizer, authorizeRequest } from '@kubenest/auth';
import { Stage } from './stage';

export const authorizationStage =
  (authorizer: Authorizer): Stage =>
  async (context, next) => {
    context.route = context.endpoint.route(context.req, context.res);
    await authorizeRequest(authorizer, context.route.attributes);
    return next(context);
  };
