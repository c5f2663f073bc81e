import { validateObject } from '@kubenest/registry';
import { leaseStrategy } from './lease.strategy';

const now = new Date('2025-01-01T12:00:00Z');

describe('leases', () => {
  it.each([
    { name: 'held', spec: { holderIdentity: 'n1', leaseDurationSeconds: 40 }, cells: ['n1', '10s'], errors: [] },
    { name: 'free', spec: {}, cells: ['', '10s'], errors: [] },
    {
      name: 'zero duration',
      spec: { leaseDurationSeconds: 0 },
      cells: ['', '10s'],
      errors: ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
    },
  ])('$name', ({ spec, cells, errors }) => {
    const lease = {
      metadata: { name: 'n1', namespace: 'kube-node-lease', creationTimestamp: '2025-01-01T11:59:50Z' as never },
      spec,
    };
    expect(leaseStrategy.columns!.map((c) => c.cell(lease, now))).toEqual(cells);
    expect(validateObject(leaseStrategy, lease).map((e) => `${e.field}: ${e.message}`)).toEqual(errors);
  });
});
