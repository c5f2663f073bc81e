import { prepareObjectUpdate, validateObject } from '@kubenest/registry';
import { namespaceStrategy } from './namespace/namespace.strategy';
import { nodeStrategy } from './node/node.strategy';
import { Namespace, Node } from './types';

const now = new Date('2025-01-01T12:00:00Z');

describe('namespaces', () => {
  const create = (spec?: Namespace['spec']): Namespace => {
    const ns: Namespace = { metadata: { name: 'team-a', creationTimestamp: '2025-01-01T11:00:00Z' as never }, spec };
    namespaceStrategy.prepareForCreate!(ns);
    return ns;
  };

  it.each([
    { name: 'no finalizers', spec: undefined, want: ['kubernetes'] },
    { name: 'other finalizers', spec: { finalizers: ['example.com/x'] }, want: ['example.com/x', 'kubernetes'] },
    { name: 'kubernetes already', spec: { finalizers: ['kubernetes'] }, want: ['kubernetes'] },
  ])('create with $name', ({ spec, want }) => {
    const ns = create(spec);
    expect(ns.spec?.finalizers).toEqual(want);
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
  });

  it.each([
    { name: 'team-a', want: [] },
    { name: 'Team', want: ['metadata.name'] },
    { name: 'a.b', want: ['metadata.name'] },
  ])('name $name', ({ name, want }) => {
    const ns: Namespace = { metadata: { name } };
    expect(validateObject(namespaceStrategy, ns).map((e) => e.field)).toEqual(want);
  });

  it("rejects a bare finalizer name that is not kube's", () => {
    const ns: Namespace = { metadata: { name: 'a' }, spec: { finalizers: ['custom'] } };
    expect(validateObject(namespaceStrategy, ns).map((e) => e.message)).toEqual([
      'Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it('keeps spec.finalizers and status on update, turns Terminating on delete', () => {
    const old = create();
    const next: Namespace = { metadata: { name: 'team-a' }, spec: { finalizers: [] } };
    prepareObjectUpdate(namespaceStrategy, next, old);
    expect(next.spec?.finalizers).toEqual(['kubernetes']);
    expect(next.status).toEqual({ phase: 'Active' });
    namespaceStrategy.prepareForDelete!(next);
    expect(next.status?.phase).toBe('Terminating');
    expect(namespaceStrategy.holdsDeletion!(next)).toBe(true);
    expect(namespaceStrategy.holdsDeletion!({ ...next, spec: { finalizers: [] } })).toBe(false);
  });

  it('columns and field selectors', () => {
    const ns = create();
    expect(namespaceStrategy.columns!.map((c) => c.cell(ns, now))).toEqual(['Active', '60m']);
    expect(namespaceStrategy.fieldSelectors!['status.phase'](ns)).toBe('Active');
  });
});

describe('nodes', () => {
  const node = (patch: Partial<Node> = {}): Node => ({
    metadata: { name: 'n1', creationTimestamp: '2025-01-01T11:59:30Z' as never, labels: {} },
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: {
        kubeletVersion: 'v1.33.0',
        osImage: 'Debian',
        kernelVersion: '6.1',
        containerRuntimeVersion: 'kubenest://1',
        architecture: '',
        bootID: '',
        kubeProxyVersion: '',
        machineID: '',
        operatingSystem: 'linux',
        systemUUID: '',
      },
      addresses: [{ type: 'InternalIP', address: '192.168.1.5' }],
    },
    ...patch,
  });

  it.each([
    {
      name: 'ready',
      n: node(),
      want: ['Ready', '<none>', '30s', 'v1.33.0', '192.168.1.5', '<none>', 'Debian', '6.1', 'kubenest://1'],
    },
    {
      name: 'cordoned control plane',
      n: node({
        spec: { unschedulable: true },
        metadata: { name: 'n1', labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'etcd' } },
      }),
      want: ['Ready,SchedulingDisabled', 'control-plane,etcd', '<unknown>'],
    },
    {
      name: 'not ready',
      n: node({ status: { conditions: [{ type: 'Ready', status: 'False' }] } }),
      want: ['NotReady', '<none>', '30s', '', '<none>', '<none>', '<unknown>'],
    },
    { name: 'no condition', n: node({ status: {} }), want: ['Unknown'] },
  ])('$name', ({ n, want }) => {
    expect(nodeStrategy.columns!.map((c) => c.cell(n, now)).slice(0, want.length)).toEqual(want);
  });

  it('selects on spec.unschedulable', () => {
    expect(nodeStrategy.fieldSelectors!['spec.unschedulable'](node())).toBe('false');
    expect(nodeStrategy.fieldSelectors!['spec.unschedulable'](node({ spec: { unschedulable: true } }))).toBe('true');
  });

  it('rejects a bad taint effect', () => {
    const n = node({ spec: { taints: [{ key: 'a', effect: 'Sometimes' as never }] } });
    expect(validateObject(nodeStrategy, n).map((e) => e.message)).toEqual([
      'Unsupported value: "Sometimes": supported values: "NoExecute", "NoSchedule", "PreferNoSchedule"',
    ]);
  });
});
