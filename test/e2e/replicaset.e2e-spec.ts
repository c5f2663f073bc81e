// The ReplicaSet and ReplicationController loops driven by the real kubectl: replicas created,
// scaled with `kubectl scale`, a deleted pod replaced, an orphan adopted; KUBENEST_CONTROLLERS
// turning the loop off and refusing a name kube does not know; then two apiservers on one
// PostgreSQL with many ReplicaSets scaled at once through both, which must not double any pod.
// Pods stay unscheduled (no node runs them) except those given the local agent's node, which run.
import { hostname } from 'node:os';
import { localNodeName } from '../../apps/apiserver/local-agent/local-node-name';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { TestPostgres, startTestPostgres } from '@kubenest/testing/postgres';
import { waitFor } from '@kubenest/testing/wait';
import { ApiClient, apiClient, createNamespace } from './resilience-support/api-client';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';

/** How many ReplicaSets the two apiservers scale at once (the issue asks for 100; CI runs 20). */
const CONCURRENT_REPLICA_SETS = Number(process.env.KUBENEST_E2E_REPLICA_SETS ?? 20);

interface PodLike {
  metadata: {
    name: string;
    uid: string;
    deletionTimestamp?: string;
    ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[];
  };
}

const replicaSet = (name: string, replicas: number, extra: { minReadySeconds?: number; nodeName?: string } = {}) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      ...(extra.minReadySeconds ? { minReadySeconds: extra.minReadySeconds } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...(extra.nodeName ? { nodeName: extra.nodeName } : {}),
          containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }],
        },
      },
    },
  });

const controllerOf = (pod: PodLike) => pod.metadata.ownerReferences?.find((r) => r.controller);

describe('replicaset and replicationcontroller loops with kubectl', () => {
  let server: KubenestServer;
  let kubectl: Kubectl;
  const ns = 'rs-e2e';
  const k = (args: string[], input?: string) => kubectl.ok(['-n', ns, ...args], { input });
  /** The live (not terminating) pods labelled app=<app>. */
  const podsOf = async (app: string): Promise<PodLike[]> =>
    (JSON.parse(await k(['get', 'pods', '-l', `app=${app}`, '-o', 'json'])).items as PodLike[]).filter(
      (p) => !p.metadata.deletionTimestamp,
    );
  const waitForPods = (app: string, count: number) =>
    waitFor(
      `${count} pods of ${app}`,
      async () => {
        const pods = await podsOf(app);
        return pods.length === count ? pods : undefined;
      },
      30_000,
      250,
    );

  beforeAll(async () => {
    server = await startKubenest({ KUBENEST_LOCAL_AGENT: 'true' });
    kubectl = new Kubectl(server.kubeconfig, 33);
    await kubectl.ok(['create', 'namespace', ns]);
  }, 180_000);
  afterAll(async () => {
    // The agent leaves its pods' processes running when it stops, as kubelet does: end them first
    // (every pod: once a scheduler binds the unscheduled ones, they run on the local node too).
    await kubectl?.run(['-n', ns, 'scale', 'rs,rc', '--all', '--replicas=0']);
    await kubectl?.run(['-n', ns, 'delete', 'pods', '--all', '--grace-period=1', '--timeout=60s']);
    await server?.stop();
  }, 120_000);

  it('gives a ReplicaSet of 3 three pods it controls, named after it, and reports them', async () => {
    expect(await k(['create', '-f', '-'], replicaSet('web', 3))).toContain('replicaset.apps/web created');
    const pods = await waitForPods('web', 3);
    const rs = JSON.parse(await k(['get', 'rs', 'web', '-o', 'json']));
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(controllerOf(pod)).toMatchObject({ kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid });
    }
    await waitFor(
      'the status',
      async () => JSON.parse(await k(['get', 'rs', 'web', '-o', 'json'])).status.replicas === 3,
    );
    expect(await k(['get', 'rs', 'web'])).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nweb\s+3\s+3\s+0\s+/);
    await waitFor('the creations recorded as events', async () =>
      (await k(['describe', 'rs', 'web'])).match(
        /Normal\s+SuccessfulCreate\s+.*replicaset-controller\s+Created pod: web-/,
      ),
    );
  }, 60_000);

  it('scales up and down with kubectl scale', async () => {
    expect(await k(['scale', 'rs', 'web', '--replicas=5'])).toContain('replicaset.apps/web scaled');
    await waitForPods('web', 5);
    await k(['scale', 'rs', 'web', '--replicas=1']);
    await waitForPods('web', 1);
  }, 60_000);

  it('replaces a deleted pod', async () => {
    const [victim] = await podsOf('web');
    await k(['delete', 'pod', victim.metadata.name, '--wait=false']);
    const [replacement] = await waitFor('a replacement', async () => {
      const pods = await podsOf('web');
      return pods.length === 1 && pods[0].metadata.uid !== victim.metadata.uid ? pods : undefined;
    });
    expect(controllerOf(replacement)?.name).toBe('web');
  }, 60_000);

  it('adopts an orphan pod its selector matches instead of creating one', async () => {
    await k(['run', 'stray', '--image=busybox:1.36', '--labels=app=adopt', '--', 'sleep', '3600']);
    await k(['create', '-f', '-'], replicaSet('adopt', 2));
    const pods = await waitFor('the orphan adopted and one pod created', async () => {
      const found = await podsOf('adopt');
      return found.length === 2 && found.every((p) => controllerOf(p)?.name === 'adopt') ? found : undefined;
    });
    expect(pods.map((p) => p.metadata.name)).toContain('stray');
  }, 60_000);

  it('counts pods running on a node as ready, and as available once ready for minReadySeconds', async () => {
    const node = localNodeName(hostname());
    await waitFor(
      `node ${node} Ready`,
      async () => (await kubectl.ok(['get', 'node', node])).match(/\sReady\s/),
      60_000,
      500,
    );
    await k(['create', '-f', '-'], replicaSet('ready', 2, { minReadySeconds: 8, nodeName: node }));
    type Status = { readyReplicas?: number; availableReplicas?: number };
    const status = async (): Promise<Status> => JSON.parse(await k(['get', 'rs', 'ready', '-o', 'json'])).status;
    const ready = await waitFor(
      '2 ready replicas',
      async () => ((await status()).readyReplicas === 2 ? Date.now() : undefined),
      60_000,
      100,
    );
    expect((await status()).availableReplicas ?? 0).toBe(0);
    await waitFor('2 available replicas', async () => (await status()).availableReplicas === 2, 30_000, 250);
    // Flipped by the requeue after minReadySeconds: no pod changed meanwhile.
    expect(Date.now() - ready).toBeGreaterThan(6_000);
    expect(await k(['get', 'rs', 'ready'])).toMatch(/ready\s+2\s+2\s+2\s+/);
  }, 120_000);

  it('keeps a ReplicationController the same way, scaled with kubectl', async () => {
    const rc = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy' },
      spec: {
        replicas: 2,
        template: {
          metadata: { labels: { app: 'legacy' } },
          spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] },
        },
      },
    };
    expect(await k(['create', '-f', '-'], JSON.stringify(rc))).toContain('replicationcontroller/legacy created');
    const pods = await waitForPods('legacy', 2);
    expect(pods.map((p) => controllerOf(p)?.kind)).toEqual(['ReplicationController', 'ReplicationController']);
    await k(['scale', 'rc', 'legacy', '--replicas=3']);
    await waitForPods('legacy', 3);
    await waitFor('the status', async () => (await k(['get', 'rc', 'legacy'])).match(/legacy\s+3\s+3\s+0\s+/));
    expect(await k(['get', 'rc', 'legacy', '-o', 'wide'])).toMatch(/SELECTOR\n.*app=legacy\n$/);
  }, 60_000);
});

describe('KUBENEST_CONTROLLERS', () => {
  it('refuses a controller name kube does not know, naming the variable', async () => {
    await expect(startKubenest({ KUBENEST_CONTROLLERS: '*,-replicasets' })).rejects.toThrow(
      /KUBENEST_CONTROLLERS must be a comma-separated list of kube-controller-manager's controller names.*\(got "\*,-replicasets"\)/,
    );
  }, 60_000);

  it('leaves a loop turned off out: a ReplicaSet gets no pods, an RC does', async () => {
    const server = await startKubenest({ KUBENEST_CONTROLLERS: '*,-replicaset' });
    try {
      const kubectl = new Kubectl(server.kubeconfig, 33);
      await kubectl.ok(['create', '-f', '-'], { input: replicaSet('idle', 1) });
      const rc = {
        apiVersion: 'v1',
        kind: 'ReplicationController',
        metadata: { name: 'busy' },
        spec: {
          replicas: 1,
          template: {
            metadata: { labels: { app: 'busy' } },
            spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] },
          },
        },
      };
      await kubectl.ok(['create', '-f', '-'], { input: JSON.stringify(rc) });
      await waitFor('the RC pod', async () =>
        (await kubectl.ok(['get', 'pods', '-l', 'app=busy', '-o', 'name'])).trim(),
      );
      expect((await kubectl.ok(['get', 'pods', '-l', 'app=idle', '-o', 'name'])).trim()).toBe('');
      expect(server.output()).toContain('loop replicaset is turned off by the controllers list');
    } finally {
      await server.stop();
    }
  }, 120_000);
});

describe(`${CONCURRENT_REPLICA_SETS} ReplicaSets scaled at once through two apiservers on one database`, () => {
  let pg: TestPostgres;
  let processes: KubenestProcess[];
  let apis: ApiClient[];
  const ns = 'many';
  const names = Array.from({ length: CONCURRENT_REPLICA_SETS }, (_, i) => `rs-${i}`);
  const rsPath = (name = '') => `/apis/apps/v1/namespaces/${ns}/replicasets${name ? `/${name}` : ''}`;

  beforeAll(async () => {
    pg = await startTestPostgres();
    processes = await Promise.all([
      launchKubenest({ env: { DATABASE_URL: pg.url } }),
      launchKubenest({ env: { DATABASE_URL: pg.url } }),
    ]);
    apis = processes.map(apiClient);
    await createNamespace(apis[0], ns);
    await Promise.all(names.map((name, i) => apis[i % 2].ok('POST', rsPath(), JSON.parse(replicaSet(name, 0)))));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes?.map((p) => p.destroy()) ?? []);
    await pg?.stop();
  });

  /** Every live pod of the namespace, grouped by the ReplicaSet controlling it. */
  const podsByOwner = async (): Promise<Map<string, PodLike[]>> => {
    const list = (await apis[0].ok('GET', `/api/v1/namespaces/${ns}/pods`)) as { items: PodLike[] };
    const byOwner = new Map<string, PodLike[]>();
    for (const pod of list.items.filter((p) => !p.metadata.deletionTimestamp)) {
      const owner = controllerOf(pod)?.name ?? '<none>';
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), pod]);
    }
    return byOwner;
  };

  /** Scales every ReplicaSet through /scale, alternating between the apiservers, all at once. */
  const scaleAll = (replicas: number) =>
    Promise.all(names.map((name, i) => apis[(i + 1) % 2].ok('PATCH', `${rsPath(name)}/scale`, { spec: { replicas } })));

  const expectExactly = async (replicas: number) => {
    await waitFor(
      `${replicas} pods for each of the ${names.length} ReplicaSets`,
      async () => {
        const byOwner = await podsByOwner();
        return names.every((n) => byOwner.get(n)?.length === replicas) || undefined;
      },
      90_000,
      500,
    );
    // Settled, not passing through: a late duplicate would show up within a few resyncs.
    await new Promise((r) => setTimeout(r, 3_000));
    const byOwner = await podsByOwner();
    expect(names.filter((n) => (byOwner.get(n)?.length ?? 0) !== replicas)).toEqual([]);
    expect(byOwner.get('<none>')).toBeUndefined();
  };

  it('creates exactly the replicas asked, with no duplicate, then deletes down to exactly one each', async () => {
    await scaleAll(3);
    await expectExactly(3);
    await scaleAll(1);
    await expectExactly(1);
  }, 240_000);
});
