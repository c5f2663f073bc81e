// Authorization: the Authorizer interface, the bootstrap authorizer and the 403 helper.
export { AuthorizationModule } from './authorization.module';
export { AUTHORIZER, isResourceRequest } from './authorizer';
export type { AuthorizationAttributes, AuthorizationDecision, Authorizer } from './authorizer';
export { authorizeRequest } from './authorize-request';
export { BootstrapAuthorizer } from './bootstrap-authorizer';
export { forbidden, forbiddenMessage } from './forbidden';
