import {
  bootstrapTokenSecret,
  BootstrapTokenSecret,
  bootstrapTokenUser,
  formatBootstrapToken,
  generateBootstrapToken,
  parseBootstrapToken,
} from './bootstrap-token';
import { BootstrapTokenAuthenticator } from './bootstrap-token-authenticator';

const token = { id: 'abcdef', secret: '0123456789abcdef' };
const now = new Date('2025-06-01T00:00:00Z');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const secretWith = (over: Record<string, string | undefined> = {}, type = 'bootstrap.kubernetes.io/token') => {
  const data: Record<string, string> = {};
  const strings = {
    'token-id': 'abcdef',
    'token-secret': '0123456789abcdef',
    'usage-bootstrap-authentication': 'true',
    ...over,
  };
  for (const [k, v] of Object.entries(strings)) if (v !== undefined) data[k] = b64(v);
  return { metadata: {}, type, data } as BootstrapTokenSecret;
};

describe('parseBootstrapToken', () => {
  it.each([
    ['abcdef.0123456789abcdef', token],
    ['ABCDEF.0123456789abcdef', undefined],
    ['abcdef.0123456789abcde', undefined],
    ['abcdef0123456789abcdef', undefined],
    ['abcdef.0123456789abcdef.x', undefined],
    ['', undefined],
  ])('%j', (text, want) => {
    expect(parseBootstrapToken(text)).toEqual(want);
  });

  it('round-trips generated tokens', () => {
    const generated = generateBootstrapToken();
    expect(parseBootstrapToken(formatBootstrapToken(generated))).toEqual(generated);
  });
});

describe('bootstrapTokenUser', () => {
  it.each([
    { name: 'a valid token', secret: secretWith(), want: { groups: ['system:bootstrappers'] } },
    {
      name: 'extra groups',
      secret: secretWith({ 'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token' }),
      want: { groups: ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token'] },
    },
    {
      name: 'not yet expired',
      secret: secretWith({ expiration: '2025-06-01T00:00:01Z' }),
      want: { groups: ['system:bootstrappers'] },
    },
    { name: 'another secret type', secret: secretWith({}, 'Opaque'), want: undefined },
    { name: 'another token id', secret: secretWith({ 'token-id': 'zzzzzz' }), want: undefined },
  ])('$name', ({ secret, want }) => {
    const user = bootstrapTokenUser(secret, token, now);
    expect(user).toEqual(want && { name: 'system:bootstrap:abcdef', ...want });
  });

  it.each([
    { name: 'a wrong secret', secret: secretWith({ 'token-secret': 'ffffffffffffffff' }), error: /does not match/ },
    { name: 'expired', secret: secretWith({ expiration: '2025-05-31T23:59:59Z' }), error: /expired/ },
    { name: 'an unreadable expiration', secret: secretWith({ expiration: 'soon' }), error: /expired/ },
    {
      name: 'not for authentication',
      secret: secretWith({ 'usage-bootstrap-authentication': 'false' }),
      error: /usage/,
    },
    {
      name: 'a group outside system:bootstrappers',
      secret: secretWith({ 'auth-extra-groups': 'system:masters' }),
      error: /auth-extra-groups/,
    },
  ])('refuses $name', ({ secret, error }) => {
    expect(() => bootstrapTokenUser(secret, token, now)).toThrow(error);
  });

  it('ignores a secret being deleted', () => {
    const secret = { ...secretWith(), metadata: { deletionTimestamp: '2025-01-01T00:00:00Z' } };
    expect(bootstrapTokenUser(secret, token, now)).toBeUndefined();
  });

  it('accepts the secret it builds itself', () => {
    const secret = bootstrapTokenSecret(token, {
      expiration: new Date('2025-06-02T00:00:00Z'),
      groups: ['system:bootstrappers:worker'],
      description: 'test',
    });
    expect(secret.metadata).toEqual({ name: 'bootstrap-token-abcdef', namespace: 'kube-system' });
    expect(secret.type).toBe('bootstrap.kubernetes.io/token');
    expect(Buffer.from(secret.data.expiration, 'base64').toString()).toBe('2025-06-02T00:00:00Z');
    expect(bootstrapTokenUser(secret, token, now)).toEqual({
      name: 'system:bootstrap:abcdef',
      groups: ['system:bootstrappers', 'system:bootstrappers:worker'],
    });
  });
});

describe('BootstrapTokenAuthenticator', () => {
  const secrets = new Map([['kube-system/bootstrap-token-abcdef', secretWith()]]);
  const authenticator = new BootstrapTokenAuthenticator(
    async (namespace, name) => secrets.get(`${namespace}/${name}`),
    () => now,
  );

  it.each([
    { name: 'a valid token', text: 'abcdef.0123456789abcdef', want: 'system:bootstrap:abcdef' },
    { name: 'another kind of token', text: 'admin-token', want: null },
    { name: 'a token without secret', text: 'zzzzzz.0123456789abcdef', want: null },
  ])('$name', async ({ text, want }) => {
    expect((await authenticator.authenticateToken(text))?.name ?? null).toBe(want);
  });

  it('throws on a wrong secret, so that the request is unauthorized', async () => {
    await expect(authenticator.authenticateToken('abcdef.ffffffffffffffff')).rejects.toThrow(/does not match/);
  });
});
