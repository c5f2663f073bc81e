import { ExecutionContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { StatusError } from '@kubenest/apimachinery';
import { AuthenticationGuard } from './authentication.guard';
import { AuthenticationModule } from './authentication.module';
import { TokenAuthenticators } from './token-authenticator';

const ADMIN_TOKEN = 'admin-token-0123456789abcdef0123456789abcdef';

interface FakeRequest {
  originalUrl: string;
  headers: Record<string, string>;
  socket: unknown;
  user?: unknown;
}

const tlsSocket = (peer: object, authorized = true, authorizationError?: string) => ({
  authorized,
  authorizationError,
  getPeerCertificate: () => peer,
});
const adminCert = { subject: { CN: 'kubenest-admin', O: 'system:masters' }, ext_key_usage: ['1.3.6.1.5.5.7.3.2'] };

describe('AuthenticationGuard', () => {
  let guard: AuthenticationGuard;
  let tokens: TokenAuthenticators;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthenticationModule.forRoot({ adminToken: ADMIN_TOKEN })],
    }).compile();
    guard = moduleRef.get(AuthenticationGuard);
    tokens = moduleRef.get(TokenAuthenticators);
  });

  const run = async (path: string, headers: Record<string, string> = {}, socket: unknown = {}) => {
    const request: FakeRequest = { originalUrl: path, headers, socket };
    const context = {
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
      getHandler: () => run,
      getClass: () => AuthenticationGuard,
    } as unknown as ExecutionContext;
    await guard.canActivate(context);
    return request.user;
  };

  const expectUnauthorized = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  };

  it.each([
    '/healthz',
    '/livez',
    '/readyz',
    '/readyz/ping',
    '/healthz/poststarthook/x',
    '/version',
    '/version/',
    '/version?timeout=5s',
    '/docs',
    '/docs/swagger-ui.css',
  ])('lets %s through anonymously', async (path) => {
    expect(await run(path)).toEqual({ name: 'system:anonymous', groups: ['system:unauthenticated'] });
  });

  it.each(['/api', '/api/v1/namespaces/default/pods', '/apis', '/openapi/v3', '/healthzx', '/documents', '/'])(
    'answers 401 to %s without credentials',
    async (path) => {
      await expectUnauthorized(run(path));
    },
  );

  it.each([`Bearer ${ADMIN_TOKEN}`, `bearer ${ADMIN_TOKEN}`, `  Bearer ${ADMIN_TOKEN}  `])(
    'authenticates the admin token (%j)',
    async (authorization) => {
      expect(await run('/api/v1/pods', { authorization })).toEqual({
        name: 'kubenest-admin',
        groups: ['system:masters', 'system:authenticated'],
      });
    },
  );

  it.each(['/api/v1/pods', '/healthz'])('answers 401 to a wrong token, even on %s', async (path) => {
    await expectUnauthorized(run(path, { authorization: 'Bearer nope' }));
  });

  it('ignores other schemes and empty tokens', async () => {
    expect(await run('/version', { authorization: 'Basic YWRtaW46YWRtaW4=' })).toMatchObject({
      name: 'system:anonymous',
    });
    expect(await run('/version', { authorization: 'Bearer ' })).toMatchObject({ name: 'system:anonymous' });
    await expectUnauthorized(run('/api', { authorization: 'Basic YWRtaW46YWRtaW4=' }));
  });

  it('authenticates a verified client certificate: CN the user, O the groups', async () => {
    const socket = tlsSocket({ subject: { CN: 'system:node:w1', O: ['system:nodes', 'extra'] } });
    expect(await run('/api/v1/nodes', {}, socket)).toEqual({
      name: 'system:node:w1',
      groups: ['system:nodes', 'extra', 'system:authenticated'],
    });
    expect(await run('/api', {}, tlsSocket(adminCert))).toEqual({
      name: 'kubenest-admin',
      groups: ['system:masters', 'system:authenticated'],
    });
  });

  it('treats a TLS connection without a client certificate as no credentials', async () => {
    expect(await run('/livez', {}, tlsSocket({}, false, 'UNABLE_TO_GET_ISSUER_CERT'))).toMatchObject({
      name: 'system:anonymous',
    });
    await expectUnauthorized(run('/api', {}, tlsSocket({}, false)));
  });

  it.each([
    ['not signed by the CA', tlsSocket(adminCert, false, 'SELF_SIGNED_CERT_IN_CHAIN')],
    ['a serving certificate', tlsSocket({ ...adminCert, ext_key_usage: ['1.3.6.1.5.5.7.3.1'] })],
  ])('answers 401 to a client certificate %s, even on a public path', async (_, socket) => {
    await expectUnauthorized(run('/api', {}, socket));
    await expectUnauthorized(run('/healthz', {}, socket));
  });

  it('accepts a valid token beside a rejected certificate, as a union of authenticators', async () => {
    const socket = tlsSocket(adminCert, false, 'CERT_HAS_EXPIRED');
    expect(await run('/api', { authorization: `Bearer ${ADMIN_TOKEN}` }, socket)).toMatchObject({
      name: 'kubenest-admin',
    });
  });

  it('asks token authenticators added later, after the admin token', async () => {
    tokens.add({
      authenticateToken: async (t) =>
        t === 'sa-token' ? { name: 'system:serviceaccount:default:x', groups: ['system:serviceaccounts'] } : null,
    });
    tokens.add({
      authenticateToken: async () => {
        throw new Error('token expired');
      },
    });
    expect(await run('/api', { authorization: 'Bearer sa-token' })).toEqual({
      name: 'system:serviceaccount:default:x',
      groups: ['system:serviceaccounts', 'system:authenticated'],
    });
    await expectUnauthorized(run('/api', { authorization: 'Bearer other' }));
  });
});
