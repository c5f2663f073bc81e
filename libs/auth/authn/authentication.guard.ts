// The global guard of Nest's routes. Every request the server receives goes through the request
// pipeline first (apps/apiserver/http/pipeline), which authenticates and authorizes it and sets its
// user; the guard takes that as it is. A request that reaches Nest without one gets the same checks
// here, from the same plain functions: the RequestAuthenticator, then the Authorizer asked about
// its path as a non-resource request.
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AUTHORIZER, Authorizer } from '../authz/authorizer';
import { authorizeRequest } from '../authz/authorize-request';
import { nonResourceAttributes } from '../authz/request-attributes';
import { AuthenticationRequest } from './authentication-result';
import { RequestAuthenticator } from './request-authenticator';
import { UserInfo } from './user-info';

interface GuardedRequest extends AuthenticationRequest {
  method?: string;
  originalUrl?: string;
  url?: string;
  user?: UserInfo;
}

const pathOf = (request: GuardedRequest): string => (request.originalUrl ?? request.url ?? '/').split('?')[0];

@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly authenticator: RequestAuthenticator,
    @Inject(AUTHORIZER) private readonly authorizer: Authorizer,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    if (request.user) return true;
    const path = pathOf(request);
    const user = await this.authenticator.authenticate(request, path);
    await authorizeRequest(this.authorizer, nonResourceAttributes(user, request.method ?? 'GET', path));
    request.user = user;
    return true;
  }
}
