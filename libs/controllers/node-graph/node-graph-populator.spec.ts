import { podStrategy } from '@kubenest/api/core/pod/pod.strategy';
import type { Pod } from '@kubenest/api/core/types';
import { erase } from '@kubenest/api/common/erase';
import { NodeGraph } from '@kubenest/auth';
import { AdmissionChain, decodeObject, GenericStore, ResourceEntry, WatchCache } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { silentLogger } from '@kubenest/registry/cache/testing/pods';
import { until } from '@kubenest/testing/wait';
import { startNodeGraphPopulator } from './node-graph-populator';

const pod = (name: string, nodeName: string, secret: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { nodeName, containers: [{ name: 'c', image: 'busybox', envFrom: [{ secretRef: { name: secret } }] }] },
});

describe('the node graph populator', () => {
  const fake = new FakeStore();
  const store = new GenericStore(erase(podStrategy), fake, new AdmissionChain());
  const cache = new WatchCache(fake, store.prefix, decodeObject, { logger: silentLogger });
  const pods = { strategy: erase(podStrategy), store, cache } as ResourceEntry;
  const graph = new NodeGraph();
  const reads = (node: string, secret: string) => graph.references(node, 'secret', 'default', secret);
  let populator: { stop(): void };

  beforeAll(async () => {
    await store.create('default', pod('before', 'n1', 'old'));
    await cache.start();
    populator = startNodeGraphPopulator({ pods, graph });
  });

  afterAll(() => {
    populator.stop();
    cache.stop();
  });

  it('takes in the pods that exist when it starts', async () => {
    await until(() => reads('n1', 'old'), 'the pod listed at start in the graph');
  });

  it('adds a pod created later, and removes it once deleted', async () => {
    await store.create('default', pod('later', 'n2', 'new'));
    await until(() => reads('n2', 'new'), 'the new pod in the graph');
    expect(reads('n1', 'new')).toBe(false);
    await store.delete('default', 'later', { gracePeriodSeconds: 0 });
    await until(() => !reads('n2', 'new'), 'the deleted pod out of the graph');
  });
});
