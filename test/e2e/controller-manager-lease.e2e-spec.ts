// Two apiservers on one PostgreSQL: the loops run only in the process holding
// kube-system/kube-controller-manager, as kube-controller-manager's replicas do; the other serves
// requests and waits. Namespace deletion and CSR approval work whichever apiserver is asked, and
// when the leader is killed the other takes the Lease once it expires and runs the loops.
import { makeCsr, makeRequestPem } from '@kubenest/api/certificates/csr/testing/make-csr';
import { TestPostgres, startTestPostgres } from '@kubenest/testing/postgres';
import { waitFor } from '@kubenest/testing/wait';
import { bootstrapTokenManifest } from './support/bootstrap-token';
import { ApiClient, apiClient, configMap, configMapsPath, createNamespace } from './resilience-support/api-client';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';

const LEASE = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager';
const CSRS = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const BOOTSTRAP_TOKEN = 'abcdef.0123456789abcdef';

interface Lease {
  spec?: { holderIdentity?: string; renewTime?: string; leaseDurationSeconds?: number };
}

interface Csr {
  status?: { conditions?: { type: string; reason?: string }[]; certificate?: string };
}

/** Which of the processes logged winning the election of this holder identity. */
const leaderAmong = (processes: KubenestProcess[], holder: string): KubenestProcess[] =>
  processes.filter((p) => p.output().includes(`${holder} became the leader`));

const holderOf = async (api: ApiClient): Promise<string | undefined> => {
  const lease = (await api.ok('GET', LEASE)) as Lease;
  return lease.spec?.holderIdentity || undefined;
};

/** Deletes the namespace and waits until it is gone (the namespace loop emptied and finalized it). */
const deleteNamespace = async (api: ApiClient, name: string): Promise<void> => {
  await api.ok('DELETE', `/api/v1/namespaces/${name}`);
  await waitFor(
    `namespace ${name} gone`,
    async () => (await api.call('GET', `/api/v1/namespaces/${name}`)).status === 404,
    30_000,
    250,
  );
};

describe('the loops under kube-controller-manager’s Lease, two apiservers on one database', () => {
  let pg: TestPostgres;
  let a: KubenestProcess;
  let b: KubenestProcess;
  let apis: Map<KubenestProcess, ApiClient>;

  beforeAll(async () => {
    pg = await startTestPostgres();
    [a, b] = await Promise.all([
      launchKubenest({ env: { DATABASE_URL: pg.url } }),
      launchKubenest({ env: { DATABASE_URL: pg.url } }),
    ]);
    apis = new Map([
      [a, apiClient(a)],
      [b, apiClient(b)],
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.destroy(), b?.destroy()]);
    await pg?.stop();
  });

  let leader: KubenestProcess;
  let follower: KubenestProcess;

  it('gives the Lease to exactly one of them, which alone runs the loops', async () => {
    const holder = await waitFor('a holder of the Lease', () => holderOf(apis.get(a)!), 30_000, 250);
    // The winner logs its win just after its write of the Lease is acknowledged.
    const leaders = await waitFor('the holder’s log of its win', () => {
      const found = leaderAmong([a, b], holder);
      return found.length > 0 ? found : undefined;
    });
    expect(leaders).toHaveLength(1);
    [leader] = leaders;
    follower = leader === a ? b : a;
    // Both read the same Lease from the one database.
    expect(await holderOf(apis.get(follower)!)).toBe(holder);
    await waitFor('the leader’s loops started', () => leader.output().includes('[Loop namespace]'), 20_000, 250);
    expect(follower.output()).not.toMatch(/became the leader|\[Loop (namespace|certificate)\]/);
  });

  it('deletes a namespace asked of the follower', async () => {
    const api = apis.get(follower)!;
    await createNamespace(api, 'first');
    await api.ok('POST', configMapsPath('first'), configMap('settings', { a: 'b' }));
    await deleteNamespace(api, 'first');
  }, 60_000);

  it('approves and signs a node’s certificate request sent to the follower with a bootstrap token', async () => {
    await apis
      .get(leader)!
      .ok('POST', '/api/v1/namespaces/kube-system/secrets', JSON.parse(bootstrapTokenManifest(BOOTSTRAP_TOKEN)));
    const asBootstrapper = apiClient({ ...follower, token: BOOTSTRAP_TOKEN });
    const csr = makeCsr(await makeRequestPem('CN=system:node:w9, O=system:nodes'), {}, 'node-csr-w9');
    // The follower may not have seen the token's Secret yet; its live read finds it.
    await asBootstrapper.ok('POST', CSRS, csr);
    const issued = await waitFor(
      'the request approved and issued',
      async () => {
        const current = (await apis.get(follower)!.ok('GET', `${CSRS}/node-csr-w9`)) as Csr;
        return current.status?.certificate ? current : undefined;
      },
      30_000,
      250,
    );
    expect(issued.status?.conditions?.map((c) => [c.type, c.reason])).toEqual([['Approved', 'AutoApproved']]);
  }, 60_000);

  it('hands the Lease to the other once the leader is killed, whose loops then delete a namespace', async () => {
    const api = apis.get(follower)!;
    const before = await holderOf(api);
    await createNamespace(api, 'second');
    await api.ok('POST', configMapsPath('second'), configMap('settings'));
    const killedAt = Date.now();
    await leader.interrupt({ signal: 'SIGKILL' });
    const holder = await waitFor(
      'another holder of the Lease',
      async () => {
        const current = await holderOf(api);
        return current !== before ? current : undefined;
      },
      30_000,
      250,
    );
    expect(Date.now() - killedAt).toBeLessThan(25_000);
    await waitFor('the follower’s log of its win', () => leaderAmong([follower], holder).length === 1 || undefined);
    await deleteNamespace(api, 'second');
  }, 90_000);
});
