// The two loops together on a fake API, clocks faked: a node whose lease stops is marked Unknown
// once the grace period is over, tainted, its pods marked not ready; the taint eviction loop
// deletes the pod that does not tolerate the taint and keeps the one that does, until the node is back.
import { Logger } from '@nestjs/common';
import type { Node, Pod } from '@kubenest/api/core/types';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { LoopManager } from '../loop';
import { taintEvictionLoop } from '../taint-eviction';
import { nodeLifecycleLoop } from './node-lifecycle.loop';
import { node, pod } from './testing-nodes';

const UNREACHABLE = 'node.kubernetes.io/unreachable';

describe('the node lifecycle and taint eviction loops', () => {
  beforeEach(() => {
    Logger.overrideLogger(false);
    jest.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
  });
  afterEach(() => jest.useRealTimers());

  it('marks a silent node Unknown and tainted, evicts what does not tolerate it, and lets it come back', async () => {
    const client = new FakeResourceClient();
    const tolerating: Pod = {
      ...pod('tolerating', 'down'),
      spec: {
        nodeName: 'down',
        containers: [],
        tolerations: [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      },
    };
    client.seed(resources.nodes, node('down', 'True'), node('up', 'True'));
    client.seed(resources.pods, pod('intolerant', 'down'), tolerating);
    // The up node renews; the down one was last seen renewing at the start, until it is back.
    const started = Date.now();
    let back = false;
    const leases = { sinceRenewalMs: (name: string) => (name === 'up' || back ? 0 : Date.now() - started) };
    const manager = new LoopManager(
      [nodeLifecycleLoop({ leases, gracePeriodSeconds: 40, monotonicNow: () => Date.now() }), taintEvictionLoop()],
      { clientFor: () => client },
    );
    manager.start();
    await jest.advanceTimersByTimeAsync(39_000);
    const nodes = client.resource<Node>(resources.nodes);
    const pods = client.resource<Pod>(resources.pods);
    expect((await nodes.get(undefined, 'down')).status!.conditions![0].status).toBe('True');

    await jest.advanceTimersByTimeAsync(2_000);
    const down = await nodes.get(undefined, 'down');
    expect(down.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
    });
    expect(down.spec!.taints!.map((t) => `${t.key}:${t.effect}`).sort()).toEqual([
      `${UNREACHABLE}:NoExecute`,
      `${UNREACHABLE}:NoSchedule`,
    ]);
    expect((await nodes.get(undefined, 'up')).spec?.taints ?? []).toEqual([]);
    await expect(pods.get('ns', 'intolerant')).rejects.toMatchObject({ code: 404 });
    const kept = await pods.get('ns', 'tolerating');
    expect(kept.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');

    // Back: the node renews and posts Ready, the taints go; the eviction is called off.
    back = true;
    await nodes.updateSubresource('status', {
      ...down,
      status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-01-01T00:01:00Z' }] },
    });
    await jest.advanceTimersByTimeAsync(1_000);
    expect((await nodes.get(undefined, 'down')).spec?.taints ?? []).toEqual([]);
    await jest.advanceTimersByTimeAsync(400_000);
    expect((await pods.get('ns', 'tolerating')).metadata.deletionTimestamp).toBeUndefined();
    const events = (await client.resource(resources.events).list(undefined)).items.map(
      (e) => `${(e as { reason?: string }).reason}: ${(e as { message?: string }).message}`,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        'NodeNotReady: Node down status is now: NodeNotReady',
        'NodeNotReady: Node is not ready',
        'TaintManagerEviction: Marking for deletion Pod ns/intolerant',
        'TaintManagerEviction: Cancelling deletion of Pod ns/tolerating',
      ]),
    );
    await manager.stop();
  });
});
