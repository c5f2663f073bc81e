// The global guard: every request is authenticated by client certificate or bearer token; without
// credentials only the public paths pass (as system:anonymous), the rest get a 401 Status.
import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { StatusError } from '@kubenest/apimachinery';
import { isAnonymousPath } from './anonymous-paths';
import { BEARER_TOKEN_STRATEGY } from './bearer-token.strategy';
import { CLIENT_CERTIFICATE_STRATEGY } from './client-certificate.strategy';
import { AuthenticationFailure } from './passport-verdict';
import { ANONYMOUS_USER, anonymousUser, authenticatedUser, UserInfo } from './user-info';

interface GuardedRequest {
  originalUrl?: string;
  url?: string;
  socket?: object;
  headers?: { authorization?: string };
  user?: UserInfo;
}

/**
 * A connection's credentials (its client certificate, the Authorization header it keeps
 * sending) rarely change: remember who they proved for a while, as kube-apiserver caches
 * token authentication for 10 s, so that keep-alive clients skip passport on every request.
 */
const rememberForMs = 10_000;
const remembered = new WeakMap<object, { authorization?: string; user: UserInfo; until: number }>();

const pathOf = (request: GuardedRequest): string => (request.originalUrl ?? request.url ?? '/').split('?')[0];

@Injectable()
export class AuthenticationGuard extends AuthGuard([CLIENT_CERTIFICATE_STRATEGY, BEARER_TOKEN_STRATEGY]) {
  private readonly logger = new Logger(AuthenticationGuard.name);

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const authorization = request.headers?.authorization;
    const known = request.socket && remembered.get(request.socket);
    if (known && known.authorization === authorization && known.until > Date.now()) {
      request.user = known.user;
      return true;
    }
    const allowed = (await super.canActivate(context)) as boolean;
    const user = request.user;
    if (allowed && request.socket && user && user.name !== ANONYMOUS_USER) {
      remembered.set(request.socket, { authorization, user, until: Date.now() + rememberForMs });
    }
    return allowed;
  }

  // Passport hands back one failure per strategy when several are tried, one when one is.
  override handleRequest<TUser = UserInfo>(
    error: unknown,
    user: UserInfo | false,
    info: AuthenticationFailure | AuthenticationFailure[] | undefined,
    context: ExecutionContext,
  ): TUser {
    if (error) throw error;
    if (user) return authenticatedUser(user) as TUser;

    const rejections = [info ?? []].flat().flatMap((failure) => (failure?.rejected ? [failure.rejected] : []));
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    // As kube-apiserver: wrong credentials fail even where anonymous requests are allowed.
    if (rejections.length) {
      this.logger.debug(`unauthorized ${pathOf(request)}: ${rejections.join('; ')}`);
      throw StatusError.unauthorized();
    }
    if (isAnonymousPath(pathOf(request))) return anonymousUser() as TUser;
    throw StatusError.unauthorized();
  }
}
