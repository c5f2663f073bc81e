// Authentication: who a request comes from (client certificate or bearer token), and the guard.
export { isAnonymousPath } from './anonymous-paths';
export type { AuthenticationRequest, AuthenticationResult } from './authentication-result';
export { AuthenticationModule } from './authentication.module';
export type { AuthenticationModuleOptions } from './authentication.module';
export { bearerTokenOf } from './bearer-token';
export { authenticateClientCertificate } from './client-certificate-authenticator';
export { RequestAuthenticator } from './request-authenticator';
export { adminTokenAuthenticator, StaticTokenAuthenticator } from './static-token-authenticator';
export { TokenAuthenticators } from './token-authenticator';
export type { TokenAuthenticator } from './token-authenticator';
export {
  ADMIN_USER,
  ANONYMOUS_USER,
  anonymousUser,
  authenticatedUser,
  SYSTEM_AUTHENTICATED,
  SYSTEM_MASTERS,
  SYSTEM_UNAUTHENTICATED,
} from './user-info';
export type { UserInfo } from './user-info';
