// The global guard of Nest's routes. The server's front door authenticates every request before
// Express sees it and sets its user, which the guard takes as it is; a request that reaches Nest
// without one is authenticated here by the same RequestAuthenticator.
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthenticationRequest } from './authentication-result';
import { RequestAuthenticator } from './request-authenticator';
import { UserInfo } from './user-info';

interface GuardedRequest extends AuthenticationRequest {
  originalUrl?: string;
  url?: string;
  user?: UserInfo;
}

const pathOf = (request: GuardedRequest): string => (request.originalUrl ?? request.url ?? '/').split('?')[0];

@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(private readonly authenticator: RequestAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    request.user ??= await this.authenticator.authenticate(request, pathOf(request));
    return true;
  }
}
