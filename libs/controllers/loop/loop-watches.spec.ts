import { KubeObject } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { byNodeName, NODE_NAME_INDEX } from '../informer';
import { keyOf } from '../queue';
import { defineLoop } from './define-loop';
import { LoopManager } from './loop-manager';

const pod = (name: string, nodeName?: string): KubeObject => ({
  metadata: { namespace: 'ns', name },
  spec: { nodeName },
});
const node = (name: string, taints: string[] = []): KubeObject => ({
  metadata: { name },
  spec: { taints: taints.map((key) => ({ key, effect: 'NoExecute' })) },
});

describe('a loop watching another resource', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('enqueues the keys its map names, reading an index reconcile added through listerFor', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.pods, pod('a', 'n1'), pod('b', 'n2'), pod('c'));
    client.seed(resources.nodes, node('n1'), node('n2'));
    const reconciled: string[] = [];
    const loop = defineLoop({
      name: 'pods-of-nodes',
      identity: 'u',
      for: 'v1/pods',
      // Only a change of a node's taints concerns its pods.
      watches: [
        {
          resource: 'v1/nodes',
          keys: (n, old, pods) =>
            old && JSON.stringify(old.spec) === JSON.stringify(n.spec)
              ? []
              : pods.byIndex(NODE_NAME_INDEX, n.metadata.name!).map(keyOf),
        },
      ],
      reconcile: (deps) => {
        deps.listerFor('v1/pods', { [NODE_NAME_INDEX]: byNodeName });
        return async (p) => void reconciled.push(p.metadata.name!);
      },
    });
    const manager = new LoopManager([loop], { clientFor: () => client });
    manager.start();
    await jest.advanceTimersByTimeAsync(10);
    await manager.idle();
    // Every pod as it is added, and the pods of every node added (a key queued twice runs once).
    expect(new Set(reconciled)).toEqual(new Set(['a', 'b', 'c']));

    reconciled.length = 0;
    await client.resource(resources.nodes).update(node('n1', ['gone']));
    const n2 = await client.resource(resources.nodes).get(undefined, 'n2');
    await client.resource(resources.nodes).update({ ...n2, metadata: { ...n2.metadata, labels: { x: 'y' } } });
    await jest.advanceTimersByTimeAsync(10);
    await manager.idle();
    expect(reconciled).toEqual(['a']);

    reconciled.length = 0;
    await client.resource(resources.nodes).delete(undefined, 'n2');
    await jest.advanceTimersByTimeAsync(10);
    await manager.idle();
    expect(reconciled).toEqual(['b']);
    await manager.stop();
  });
});
