import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod } from '@kubenest/api/core/types';
import { StatusError } from '@kubenest/apimachinery';
import { claimPods } from './claim-pods.step';
import { REPLICA_SET_KIND } from './replicated';

const rs = (deleting = false): ReplicaSet => ({
  metadata: { namespace: 'ns', name: 'rs', uid: 'rs-uid', ...(deleting ? { deletionTimestamp: 'now' } : {}) },
  spec: { selector: { matchLabels: { app: 'a' } }, template: {} },
});

const pod = (name: string, labels: Record<string, string>, owner?: string, deleting = false): Pod => ({
  metadata: {
    namespace: 'ns',
    name,
    uid: `${name}-uid`,
    labels,
    ...(deleting ? { deletionTimestamp: 'now' } : {}),
    ...(owner
      ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: owner, controller: true }] }
      : {}),
  },
});

describe('claimPods', () => {
  it.each([
    { name: 'owned and matching: kept', pod: pod('p', { app: 'a' }, 'rs-uid'), claimed: true, patch: undefined },
    { name: 'owned by another: left', pod: pod('p', { app: 'a' }, 'other'), claimed: false, patch: undefined },
    {
      name: 'owned, no longer matching: released',
      pod: pod('p', { app: 'b' }, 'rs-uid'),
      claimed: false,
      patch: { metadata: { ownerReferences: [{ $patch: 'delete', uid: 'rs-uid' }], uid: 'p-uid' } },
    },
    {
      name: 'owned, not matching, ReplicaSet being deleted: not released',
      pod: pod('p', { app: 'b' }, 'rs-uid'),
      deleting: true,
      claimed: false,
      patch: undefined,
    },
    {
      name: 'orphan matching: adopted',
      pod: pod('p', { app: 'a' }),
      claimed: true,
      patch: {
        metadata: {
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: 'rs',
              uid: 'rs-uid',
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
          uid: 'p-uid',
        },
      },
    },
    { name: 'orphan not matching: left', pod: pod('p', { app: 'b' }), claimed: false, patch: undefined },
    {
      name: 'orphan terminating: left',
      pod: pod('p', { app: 'a' }, undefined, true),
      claimed: false,
      patch: undefined,
    },
    {
      name: 'orphan, ReplicaSet being deleted: left',
      pod: pod('p', { app: 'a' }),
      deleting: true,
      claimed: false,
      patch: undefined,
    },
  ])('$name', async ({ pod: p, deleting, claimed, patch }) => {
    const patches: unknown[] = [];
    const claim = claimPods({
      kind: REPLICA_SET_KIND,
      getFresh: async () => rs(),
      patchPod: async (_ns, _name, body) => void patches.push(body),
    });
    expect((await claim(rs(deleting), [p])).length).toBe(claimed ? 1 : 0);
    expect(patches).toEqual(patch ? [patch] : []);
  });

  it.each([
    {
      name: 'recreated under the same name',
      fresh: { metadata: { uid: 'new-uid' } },
      message: /is gone: got uid new-uid, wanted rs-uid/,
    },
    {
      name: 'deleted since the informer saw it',
      fresh: { metadata: { uid: 'rs-uid', deletionTimestamp: 't' } },
      message: /has just been deleted at t/,
    },
  ])('adopts nothing when a fresh read finds the ReplicaSet $name', async ({ fresh, message }) => {
    const patches: unknown[] = [];
    const claim = claimPods({
      kind: REPLICA_SET_KIND,
      getFresh: async () => fresh as ReplicaSet,
      patchPod: async (_ns, _name, body) => void patches.push(body),
    });
    await expect(claim(rs(), [pod('p', { app: 'a' })])).rejects.toThrow(message);
    expect(patches).toEqual([]);
  });

  it('reads the ReplicaSet once for many orphans, and skips an orphan gone meanwhile', async () => {
    let reads = 0;
    const claim = claimPods({
      kind: REPLICA_SET_KIND,
      getFresh: async () => (reads++, rs()),
      patchPod: async (_ns, name) => {
        if (name === 'gone') throw StatusError.notFound({ group: '', resource: 'pods' }, name);
      },
    });
    const claimed = await claim(rs(), [pod('a', { app: 'a' }), pod('gone', { app: 'a' }), pod('b', { app: 'a' })]);
    expect(claimed.map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(reads).toBe(1);
  });

  it('ignores a release refused as invalid (the reference was gone already)', async () => {
    const claim = claimPods({
      kind: REPLICA_SET_KIND,
      getFresh: async () => rs(),
      patchPod: async () => {
        throw new StatusError(422, 'Invalid', 'invalid');
      },
    });
    await expect(claim(rs(), [pod('p', { app: 'b' }, 'rs-uid')])).resolves.toEqual([]);
  });
});
