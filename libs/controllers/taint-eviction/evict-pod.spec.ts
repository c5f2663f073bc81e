import type { Pod } from '@kubenest/api/core/types';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { evictPod } from './evict-pod';

describe('evictPod', () => {
  const seeded = () => {
    const client = new FakeResourceClient();
    client.seed(resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: 'ns', name: 'p', uid: 'u1' },
      spec: { nodeName: 'n1', containers: [] },
      status: { conditions: [{ type: 'Ready', status: 'False' }] },
    });
    return client;
  };

  it('records the event, writes DisruptionTarget into the status, then deletes the pod', async () => {
    const client = seeded();
    const pods = client.resource<Pod>(resources.pods);
    const events: string[] = [];
    const statuses: unknown[] = [];
    const updateSubresource = pods.updateSubresource;
    const watched = {
      ...pods,
      updateSubresource: async <S extends Pod>(sub: string, obj: S) => {
        statuses.push(structuredClone(obj.status));
        return updateSubresource(sub, obj);
      },
    } as typeof pods;
    const pod = await pods.get('ns', 'p');
    await evictPod({
      pods: watched,
      recorder: { event: (_o, type, reason, message) => events.push(`${type} ${reason} ${message}`) },
      now: () => new Date('2026-01-01T01:00:00Z'),
    })(pod);
    expect(events).toEqual(['Normal TaintManagerEviction Marking for deletion Pod ns/p']);
    expect(statuses).toEqual([
      {
        conditions: [
          { type: 'Ready', status: 'False' },
          {
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'DeletionByTaintManager',
            message: 'Taint manager: deleting due to NoExecute taint',
            lastTransitionTime: '2026-01-01T01:00:00Z',
          },
        ],
      },
    ]);
    await expect(pods.get('ns', 'p')).rejects.toMatchObject({ code: 404 });
  });

  it('leaves a namesake created meanwhile alone, and a pod gone already', async () => {
    const client = seeded();
    const pods = client.resource<Pod>(resources.pods);
    const evict = evictPod({ pods, recorder: { event: () => undefined }, now: () => new Date() });
    await evict({ metadata: { namespace: 'ns', name: 'p', uid: 'an-older-one' } });
    expect((await pods.get('ns', 'p')).metadata.uid).toBe('u1');
    await evict({ metadata: { namespace: 'ns', name: 'absent', uid: 'x' } });
  });
});
