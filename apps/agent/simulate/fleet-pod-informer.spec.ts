import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { startFleetPodInformer } from './fleet-pod-informer';
import type { Pod } from './simulated-pod-status';

const pod = (name: string, nodeName?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'ns1' },
  spec: { nodeName, containers: [{ name: 'c', image: 'x' }] },
});

/** Lets the fake's deliveries and the informer's loop run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('the fleet pod informer', () => {
  it('hands over every pod, then each change; relists after a 410 and reports the pods deleted meanwhile', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.pods, pod('a', 'sim-0'), pod('b', 'sim-1'), pod('pending'));
    const seen: string[] = [];
    const informer = startFleetPodInformer(client, {
      onPod: (p, deleted) => seen.push(`${deleted ? '-' : '+'}${p.metadata.name}@${p.spec?.nodeName ?? ''}`),
    });
    await informer.waitForSync();
    expect(seen).toEqual(['+a@sim-0', '+b@sim-1', '+pending@']);

    const pods = client.resource<Pod>(resources.pods);
    const pending = await pods.get('ns1', 'pending');
    await pods.update({ ...pending, spec: { ...pending.spec!, nodeName: 'sim-2' } });
    await settle();
    expect(seen.at(-1)).toBe('+pending@sim-2');

    client.endWatches('expired');
    void pods.delete('ns1', 'b');
    void pods.create(pod('c', 'sim-0'));
    await settle();
    expect(seen.slice(4)).toEqual(['+c@sim-0', '-b@sim-1']);
    expect(client.actions.filter((a) => a.verb === 'list')).toHaveLength(2);
    informer.stop();
    expect(client.openWatches).toBe(0);
  });
});
