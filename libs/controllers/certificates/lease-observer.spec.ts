import { leaseStrategy, Lease } from '@kubenest/api/coordination/lease/lease.strategy';
import { erase } from '@kubenest/api/common/erase';
import { AdmissionChain, decodeObject, GenericStore, ResourceEntry, WatchCache } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { silentLogger } from '@kubenest/registry/cache/testing/pods';
import { until } from '@kubenest/testing/wait';
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
  const fake = new FakeStore();
  const store = new GenericStore(erase(leaseStrategy), fake, new AdmissionChain());
  const cache = new WatchCache(fake, store.prefix, decodeObject, { logger: silentLogger });
  const leases = { strategy: erase(leaseStrategy), store, cache } as ResourceEntry;
  let clock = 0;
  let observer: LeaseObserver;

  beforeAll(async () => {
    await store.create('kube-node-lease', lease('kube-node-lease', 'before', LONG_AGO));
    await store.create('kube-system', lease('kube-system', 'kube-scheduler', LONG_AGO));
    await cache.start();
    observer = startLeaseObserver({ leases, gracePeriodSeconds: 40, now: () => clock });
  });

  afterAll(() => {
    observer.stop();
    cache.stop();
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
    await store.create('kube-node-lease', lease('kube-node-lease', 'later', LONG_AGO));
    await until(() => observer.renewal('later') !== undefined, 'the new lease seen');
    clock = 130_000;
    await store.update('kube-node-lease', 'later', (current) => {
      (current as Lease).spec!.renewTime = '2020-01-01T00:00:10.000000Z';
      return current!;
    });
    await until(() => observer.renewal('later')?.sinceMs === 0, 'the renewal seen');
    await store.delete('kube-node-lease', 'later', {});
    await until(() => observer.renewal('later') === undefined, 'the deleted lease forgotten');
  });
});
