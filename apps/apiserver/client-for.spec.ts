import { userFor } from './client-for';

describe('userFor', () => {
  it.each([
    {
      identity: 'system:serviceaccount:kube-system:namespace-controller',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
    },
    {
      identity: 'system:serviceaccount:default:builder',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    },
    { identity: 'system:kube-controller-manager', groups: ['system:authenticated'] },
    { identity: 'system:serviceaccount:incomplete', groups: ['system:authenticated'] },
  ])('$identity → $groups', ({ identity, groups }) => {
    expect(userFor(identity)).toEqual({ name: identity, groups });
  });
});
