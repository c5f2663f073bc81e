import { ExecutionContext } from '@nestjs/common';
import { StatusError } from '@kubenest/apimachinery';
import { BootstrapAuthorizer } from '../authz/bootstrap-authorizer';
import { AuthenticationGuard } from './authentication.guard';
import { RequestAuthenticator } from './request-authenticator';
import { TokenAuthenticators } from './token-authenticator';
import { UserInfo } from './user-info';

const contextOf = (request: object) =>
  ({ switchToHttp: () => ({ getRequest: () => request }) }) as unknown as ExecutionContext;

describe('AuthenticationGuard', () => {
  const authenticator = new RequestAuthenticator(new TokenAuthenticators());
  const guard = new AuthenticationGuard(authenticator, new BootstrapAuthorizer());

  it('takes the user the front door set without authenticating again', async () => {
    const authenticate = jest.spyOn(authenticator, 'authenticate');
    const user: UserInfo = { name: 'kubenest-admin', groups: ['system:masters'] };
    const request = { originalUrl: '/openapi/v3', headers: {}, socket: {}, user };
    expect(await guard.canActivate(contextOf(request))).toBe(true);
    expect(request.user).toBe(user);
    expect(authenticate).not.toHaveBeenCalled();
    authenticate.mockRestore();
  });

  it('authenticates a request that comes without a user', async () => {
    const request: { originalUrl: string; headers: object; socket: object; user?: UserInfo } = {
      originalUrl: '/version?timeout=5s',
      headers: {},
      socket: {},
    };
    expect(await guard.canActivate(contextOf(request))).toBe(true);
    expect(request.user).toMatchObject({ name: 'system:anonymous' });
    await expect(guard.canActivate(contextOf({ originalUrl: '/openapi/v3', headers: {}, socket: {} }))).rejects.toThrow(
      StatusError,
    );
  });

  it('authorizes what it authenticated, as the pipeline would: an anonymous POST to /version is 403', async () => {
    const request = { method: 'POST', originalUrl: '/version', headers: {}, socket: {} };
    await expect(guard.canActivate(contextOf(request))).rejects.toMatchObject({ code: 403 });
    expect(request).not.toHaveProperty('user');
  });
});
