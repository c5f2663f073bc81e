import { StatusError } from '@kubenest/apimachinery';
import { RequestAuthenticator } from './request-authenticator';
import { adminTokenAuthenticator } from './static-token-authenticator';
import { TokenAuthenticators } from './token-authenticator';

const ADMIN_TOKEN = 'admin-token-0123456789abcdef0123456789abcdef';

const tlsSocket = (peer: object, authorized = true, authorizationError?: string) => ({
  authorized,
  authorizationError,
  getPeerCertificate: () => peer,
});
const adminCert = { subject: { CN: 'kubenest-admin', O: 'system:masters' }, ext_key_usage: ['1.3.6.1.5.5.7.3.2'] };

describe('RequestAuthenticator', () => {
  let tokens: TokenAuthenticators;
  let authenticator: RequestAuthenticator;

  beforeEach(() => {
    tokens = new TokenAuthenticators();
    tokens.add(adminTokenAuthenticator(ADMIN_TOKEN));
    authenticator = new RequestAuthenticator(tokens);
  });

  const run = (path: string, headers: Record<string, string> = {}, socket: object = {}) =>
    authenticator.authenticate({ headers, socket }, path);

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
    '/docs',
    '/docs/swagger-ui.css',
    '/docs/swagger-ui-init.js',
    '/api/v1/namespaces/kube-public/configmaps/cluster-info',
  ])('lets %s through anonymously', async (path) => {
    expect(await run(path)).toEqual({ name: 'system:anonymous', groups: ['system:unauthenticated'] });
  });

  it.each([
    '/api',
    '/api/v1/namespaces/default/pods',
    '/apis',
    '/openapi/v3',
    '/healthzx',
    '/documents',
    '/openapi/console',
    '/tunnel/v1/nodes/n1',
    '/no/such/path',
    '/',
  ])('answers 401 to %s without credentials', async (path) => {
    await expectUnauthorized(run(path));
  });

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

  it('remembers a connection’s user for its next requests with the same credentials', async () => {
    const lookups = jest.fn(async (t: string) => (t === 'sa-token' ? { name: 'sa', groups: [] } : null));
    tokens.add({ authenticateToken: lookups });
    const socket = {};
    await run('/api', { authorization: 'Bearer sa-token' }, socket);
    await run('/api/v1/pods', { authorization: 'Bearer sa-token' }, socket);
    expect(lookups).toHaveBeenCalledTimes(1);
    await expectUnauthorized(run('/api', { authorization: 'Bearer other' }, socket));
    await run('/api', { authorization: 'Bearer sa-token' }, {});
    expect(lookups).toHaveBeenCalledTimes(3);
  });
});
