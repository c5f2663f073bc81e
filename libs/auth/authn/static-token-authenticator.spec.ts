import { adminTokenAuthenticator, StaticTokenAuthenticator } from './static-token-authenticator';

describe('StaticTokenAuthenticator', () => {
  it('maps each token to its user and ignores the rest', async () => {
    const authenticator = new StaticTokenAuthenticator([
      { token: 'a', user: { name: 'alice', groups: ['dev'] } },
      { token: 'b', user: { name: 'bob', uid: '42', groups: [] } },
    ]);
    expect(await authenticator.authenticateToken('a')).toEqual({ name: 'alice', groups: ['dev'] });
    expect(await authenticator.authenticateToken('b')).toEqual({ name: 'bob', uid: '42', groups: [] });
    expect(await authenticator.authenticateToken('ab')).toBeNull();
    expect(await authenticator.authenticateToken('')).toBeNull();
  });

  it('hands out copies, so a caller cannot change the configured groups', async () => {
    const authenticator = adminTokenAuthenticator('t');
    (await authenticator.authenticateToken('t'))!.groups.push('x');
    expect(await authenticator.authenticateToken('t')).toEqual({ name: 'kubenest-admin', groups: ['system:masters'] });
  });
});
