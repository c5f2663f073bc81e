import { AdmissionAttributes } from '@kubenest/registry';
import { CsrRequester } from './csr-requester';

const csrKind = {
  group: 'certificates.k8s.io',
  version: 'v1',
  kind: 'CertificateSigningRequest',
  plural: 'certificatesigningrequests',
};

const run = async (over: Partial<AdmissionAttributes>) => {
  const object = { metadata: { name: 'c' }, spec: { request: 'x', username: 'mallory', groups: ['system:masters'] } };
  await new CsrRequester().admit({ operation: 'CREATE', kind: csrKind, name: 'c', dryRun: false, object, ...over });
  return object.spec;
};

describe('CsrRequester', () => {
  it('sets the requester from the authenticated user', async () => {
    const user = {
      name: 'system:bootstrap:abcdef',
      uid: 'u1',
      groups: ['system:bootstrappers', 'system:authenticated'],
    };
    expect(await run({ user })).toEqual({
      request: 'x',
      username: 'system:bootstrap:abcdef',
      uid: 'u1',
      groups: ['system:bootstrappers', 'system:authenticated'],
    });
  });

  it('carries extra', async () => {
    const user = { name: 'a', groups: [], extra: { scopes: ['x'] } };
    expect(await run({ user })).toMatchObject({ username: 'a', extra: { scopes: ['x'] } });
  });

  it.each([
    { name: 'an update', over: { operation: 'UPDATE' as const, user: { name: 'a', groups: [] } } },
    {
      name: 'another kind',
      over: { kind: { ...csrKind, kind: 'ConfigMap', group: '' }, user: { name: 'a', groups: [] } },
    },
  ])('leaves $name alone', async ({ over }) => {
    expect(await run(over)).toMatchObject({ username: 'mallory' });
  });
});
