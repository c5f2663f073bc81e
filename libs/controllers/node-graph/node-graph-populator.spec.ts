import { Logger } from '@nestjs/common';
import type { Pod } from '@kubenest/api/core/types';
import { NodeGraph } from '@kubenest/auth';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { until } from '@kubenest/testing/wait';
import { SharedInformer } from '../informer';
import { startNodeGraphPopulator } from './node-graph-populator';

const pod = (name: string, nodeName: string, secret: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName, containers: [{ name: 'c', image: 'busybox', envFrom: [{ secretRef: { name: secret } }] }] },
});

describe('the node graph populator', () => {
  const client = new FakeResourceClient();
  const store = client.resource<Pod>(resources.pods);
  const pods = new SharedInformer(store, { logger: new Logger('test', { timestamp: false }) });
  const graph = new NodeGraph();
  const reads = (node: string, secret: string) => graph.references(node, 'secret', 'default', secret);
  let populator: { remove(): void };

  beforeAll(async () => {
    await store.create(pod('before', 'n1', 'old'));
    populator = startNodeGraphPopulator({ pods, graph });
    pods.run();
  });

  afterAll(() => {
    populator.remove();
    pods.stop();
  });

  it('takes in the pods that exist when it starts', async () => {
    await until(() => reads('n1', 'old'), 'the pod listed at start in the graph');
  });

  it('adds a pod created later, and removes it once deleted', async () => {
    await store.create(pod('later', 'n2', 'new'));
    await until(() => reads('n2', 'new'), 'the new pod in the graph');
    expect(reads('n1', 'new')).toBe(false);
    await store.delete('default', 'later', { gracePeriodSeconds: 0 });
    await until(() => !reads('n2', 'new'), 'the deleted pod out of the graph');
  });
});
