// Who an identity given by name is: the groups the in-process client's requests carry.
import { userFor } from './in-process-clients';

describe('userFor', () => {
  it.each([
    {
      name: 'a service account gets its groups, as kube’s service account authenticator gives them',
      identity: 'system:serviceaccount:kube-system:namespace-controller',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
    },
    {
      name: 'any other user name is authenticated only',
      identity: 'system:kube-controller-manager',
      groups: ['system:authenticated'],
    },
    {
      name: 'a malformed service account name is no service account',
      identity: 'system:serviceaccount:x',
      groups: ['system:authenticated'],
    },
  ])('$name', ({ identity, groups }) => {
    expect(userFor(identity)).toEqual({ name: identity, groups });
  });

  it('keeps a whole user as given', () => {
    const admin = { name: 'admin', groups: ['system:masters'] };
    expect(userFor(admin)).toBe(admin);
  });
});
