// Who sent a request, by client certificate or bearer token, as kube-apiserver's union of
// authenticators decides; without credentials only the public paths pass, as system:anonymous.
// A plain call on the request's headers and socket, so that the server runs it before anything
// reads the body or routes the request.
import { Injectable, Logger } from '@nestjs/common';
import { StatusError } from '@kubenest/apimachinery';
import { isAnonymousPath } from './anonymous-paths';
import { AuthenticationRequest, AuthenticationResult } from './authentication-result';
import { bearerTokenOf } from './bearer-token';
import { authenticateClientCertificate } from './client-certificate-authenticator';
import { TokenAuthenticators } from './token-authenticator';
import { anonymousUser, authenticatedUser, UserInfo } from './user-info';

/**
 * A connection's credentials (its client certificate, the Authorization header it keeps
 * sending) rarely change: remember who they proved for a while, as kube-apiserver caches
 * token authentication for 10 s, so that keep-alive clients skip the authenticators.
 */
const rememberForMs = 10_000;

@Injectable()
export class RequestAuthenticator {
  private readonly logger = new Logger(RequestAuthenticator.name);
  private readonly remembered = new WeakMap<object, { authorization?: string; user: UserInfo; until: number }>();

  // Asked in turn, the first user found wins; wrong credentials count only when none is found.
  private readonly authenticators: ((request: AuthenticationRequest) => Promise<AuthenticationResult>)[] = [
    async (request) => authenticateClientCertificate(request),
    async (request) => {
      const token = bearerTokenOf(request);
      return token === undefined ? null : this.tokens.authenticate(token);
    },
  ];

  constructor(private readonly tokens: TokenAuthenticators) {}

  /**
   * The user `request` comes from; `path` is its URL's path, without the query. Throws the 401
   * Status when its credentials are wrong (even on a public path, as kube-apiserver) or when it
   * has none and the path is not public.
   */
  async authenticate(request: AuthenticationRequest, path: string): Promise<UserInfo> {
    const authorization = request.headers.authorization as string | undefined;
    const socket = request.socket as object;
    const known = this.remembered.get(socket);
    if (known && known.authorization === authorization && known.until > Date.now()) return known.user;

    const errors: string[] = [];
    for (const authenticator of this.authenticators) {
      const result = await authenticator(request);
      if (result && 'user' in result) {
        const user = authenticatedUser(result.user);
        this.remembered.set(socket, { authorization, user, until: Date.now() + rememberForMs });
        return user;
      }
      if (result) errors.push(result.error);
    }
    if (errors.length) {
      this.logger.debug(`unauthorized ${path}: ${errors.join('; ')}`);
      throw StatusError.unauthorized();
    }
    if (isAnonymousPath(path)) return anonymousUser();
    throw StatusError.unauthorized();
  }
}
