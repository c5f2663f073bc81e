// Accept headers as kubectl versions and other clients send them.
import { negotiateDiscovery } from './discovery-negotiation';

describe('negotiateDiscovery', () => {
  it.each([
    {
      name: 'kubectl 1.30+',
      accept:
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
      want: 'v2',
    },
    {
      name: 'kubectl 1.27',
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
      want: 'v2beta1',
    },
    { name: 'plain JSON', accept: 'application/json, */*', want: 'legacy' },
    { name: 'no Accept', accept: undefined, want: 'legacy' },
    {
      name: 'spaces and reordered parameters',
      accept: 'application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io',
      want: 'v2',
    },
    {
      name: 'refused with q=0',
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0,application/json',
      want: 'legacy',
    },
    {
      name: 'an unknown version',
      accept: 'application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json',
      want: 'legacy',
    },
  ])('$name → $want', ({ accept, want }) => {
    expect(negotiateDiscovery(accept)).toBe(want);
  });
});
