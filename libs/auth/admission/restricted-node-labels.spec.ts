import { restrictedLabelChanges } from './restricted-node-labels';

type Labels = Record<string, string>;

describe('restrictedLabelChanges', () => {
  it.each<{ name: string; labels: Labels; old: Labels; want: string[] }>([
    { name: 'no labels', labels: {}, old: {}, want: [] },
    { name: 'labels of no namespace', labels: { app: 'web', tier: 'x' }, old: {}, want: [] },
    { name: 'labels of another domain', labels: { 'example.com/gpu': 'yes' }, old: {}, want: [] },
    {
      name: "kubelet's own labels",
      labels: {
        'kubernetes.io/hostname': 'w1',
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'm5',
        'beta.kubernetes.io/instance-type': 'm5',
        'topology.kubernetes.io/zone': 'a',
        'topology.kubernetes.io/region': 'r',
        'failure-domain.beta.kubernetes.io/zone': 'a',
        'failure-domain.beta.kubernetes.io/region': 'r',
      },
      old: {},
      want: [],
    },
    {
      name: 'the kubelet and node namespaces and their subdomains',
      labels: {
        'kubelet.kubernetes.io/x': '1',
        'node.kubernetes.io/exclude-from-external-load-balancers': '',
        'a.node.kubernetes.io/y': '1',
        'b.kubelet.kubernetes.io/z': '1',
      },
      old: {},
      want: [],
    },
    {
      name: 'a node role',
      labels: { 'node-role.kubernetes.io/master': '' },
      old: {},
      want: ['node-role.kubernetes.io/master'],
    },
    {
      name: 'another kubernetes.io label',
      labels: { 'kubernetes.io/role': 'master' },
      old: {},
      want: ['kubernetes.io/role'],
    },
    {
      name: 'a k8s.io label',
      labels: { 'k8s.io/x': '1', 'sub.k8s.io/y': '1' },
      old: {},
      want: ['k8s.io/x', 'sub.k8s.io/y'],
    },
    {
      name: 'node-restriction.kubernetes.io and its subdomains',
      labels: { 'node-restriction.kubernetes.io/trusted': 'yes', 'a.node-restriction.kubernetes.io/b': '1' },
      old: {},
      want: ['a.node-restriction.kubernetes.io/b', 'node-restriction.kubernetes.io/trusted'],
    },
    {
      name: 'a lookalike domain',
      labels: { 'notkubernetes.io/x': '1', 'k8s.io.example.com/y': '1' },
      old: {},
      want: [],
    },
    {
      name: 'a restricted label kept as it was',
      labels: { 'node-role.kubernetes.io/worker': '' },
      old: { 'node-role.kubernetes.io/worker': '' },
      want: [],
    },
    {
      name: 'a restricted label changed',
      labels: { 'node-role.kubernetes.io/worker': 'x' },
      old: { 'node-role.kubernetes.io/worker': '' },
      want: ['node-role.kubernetes.io/worker'],
    },
    {
      name: 'a restricted label removed',
      labels: {},
      old: { 'node-role.kubernetes.io/worker': '' },
      want: ['node-role.kubernetes.io/worker'],
    },
    { name: 'a label named like an object property', labels: { constructor: 'x' }, old: {}, want: [] },
  ])('$name → $want', ({ labels, old, want }) => {
    expect(restrictedLabelChanges(labels, old)).toEqual(want);
  });
});
