import { Logger } from '@nestjs/common';
import type { Lease } from '@kubenest/api/coordination/lease/lease.strategy';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { until } from '@kubenest/testing/wait';
import { SharedInformer } from '../informer';
import { LeaseObserver, startLeaseObserver } from './lease-observer';

const lease = (namespace: string, name: string, renewTime: string): Lease => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { namespace, name },
  spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime },
});

// Renewed long ago by the node's clock: our own observations are what count.
const LONG_AGO = '2020-01-01T00:00:00.000000Z';

describe('the lease observer', () => {
  const client = new FakeResourceClient();
  const store = client.resource<Lease>(resources.leases);
  const leases = new SharedInformer(store, { logger: new Logger('test', { timestamp: false }) });
  let clock = 0;
  let observer: LeaseObserver;

  beforeAll(async () => {
    await store.create(lease('kube-node-lease', 'before', LONG_AGO));
    await store.create(lease('kube-system', 'kube-scheduler', LONG_AGO));
    observer = startLeaseObserver({ leases, gracePeriodSeconds: 40, now: () => clock });
    leases.run();
  });

  afterAll(() => {
    observer.stop();
    leases.stop();
  });

  it('counts every node lease there is at start-up as just renewed, once synced', async () => {
    await observer.synced;
    expect(observer.renewal('before')).toEqual({ sinceMs: 0, remainingMs: 40_000 });
    // Not a node's lease.
    expect(observer.renewal('kube-scheduler')).toBeUndefined();
    clock = 40_001;
    expect(observer.renewal('before')).toBeUndefined();
  });

  it('sees a renewal as it comes, and forgets a deleted lease', async () => {
    clock = 100_000;
    await store.create(lease('kube-node-lease', 'later', LONG_AGO));
    await until(() => observer.renewal('later') !== undefined, 'the new lease seen');
    clock = 130_000;
    const current = await store.get('kube-node-lease', 'later');
    current.spec!.renewTime = '2020-01-01T00:00:10.000000Z';
    await store.update(current);
    await until(() => observer.renewal('later')?.sinceMs === 0, 'the renewal seen');
    await store.delete('kube-node-lease', 'later');
    await until(() => observer.renewal('later') === undefined, 'the deleted lease forgotten');
  });
});
