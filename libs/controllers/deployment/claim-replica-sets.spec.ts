import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import { StatusError } from '@kubenest/apimachinery';
import { labelSelectorFromObject } from '@kubenest/apimachinery/selectors';
import { claimReplicaSets, ClaimDeps } from './claim-replica-sets';
import { deployment } from './deployment.testing';

const ours = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true };
const theirs = { ...ours, name: 'other', uid: 'uid-other' };

const rs = (
  name: string,
  app: string,
  owner?: typeof ours,
  more: Partial<ReplicaSet['metadata']> = {},
): ReplicaSet => ({
  metadata: { name, namespace: 'ns', labels: { app }, ...(owner ? { ownerReferences: [owner] } : {}), ...more },
  spec: { selector: {} },
});

const run = async (d: Deployment, sets: ReplicaSet[], fresh: Partial<Deployment['metadata']> = {}) => {
  const calls: string[] = [];
  const deps: ClaimDeps = {
    adopt: async (_d, set) => {
      calls.push(`adopt ${set.metadata.name}`);
      if (set.metadata.name === 'vanished')
        throw StatusError.notFound({ group: 'apps', resource: 'replicasets' }, 'vanished');
      if (set.metadata.name === 'taken') return undefined;
      return set;
    },
    release: async (_d, set) => {
      calls.push(`release ${set.metadata.name}`);
    },
    getFresh: async () => ({ ...d, metadata: { ...d.metadata, ...fresh } }),
  };
  const claimed = await claimReplicaSets(deps)(d, labelSelectorFromObject(d.spec?.selector), sets);
  return { claimed: claimed.map((s) => s.metadata.name), calls };
};

describe('claimReplicaSets', () => {
  it.each([
    { name: 'ours and matching: kept', sets: [rs('a', 'web', ours)], claimed: ['a'], calls: [] },
    { name: 'another controller’s: left alone', sets: [rs('a', 'web', theirs)], claimed: [], calls: [] },
    { name: 'ours, no longer matching: released', sets: [rs('a', 'db', ours)], claimed: [], calls: ['release a'] },
    { name: 'an orphan matching: adopted', sets: [rs('a', 'web')], claimed: ['a'], calls: ['adopt a'] },
    { name: 'an orphan not matching: left alone', sets: [rs('a', 'db')], claimed: [], calls: [] },
    {
      name: 'an orphan being deleted: left alone',
      sets: [rs('a', 'web', undefined, { deletionTimestamp: 'x' })],
      claimed: [],
      calls: [],
    },
    {
      name: 'an orphan in another namespace: left alone',
      sets: [rs('a', 'web', undefined, { namespace: 'other' })],
      claimed: [],
      calls: [],
    },
    { name: 'an orphan gone meanwhile', sets: [rs('vanished', 'web')], claimed: [], calls: ['adopt vanished'] },
    { name: 'an orphan taken meanwhile', sets: [rs('taken', 'web')], claimed: [], calls: ['adopt taken'] },
  ])('$name', async ({ sets, claimed, calls }) => {
    expect(await run(deployment(), sets)).toEqual({ claimed, calls });
  });

  it('neither adopts nor releases for a Deployment being deleted', async () => {
    const d = deployment();
    d.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    expect(await run(d, [rs('a', 'web'), rs('b', 'db', ours), rs('c', 'web', ours)])).toEqual({
      claimed: ['c'],
      calls: [],
    });
  });

  it.each([
    {
      name: 'replaced by another of the same name',
      fresh: { uid: 'uid-new' },
      error: 'original Deployment ns/web is gone: got uid uid-new, wanted uid-web',
    },
    {
      name: 'deleted since it was read',
      fresh: { deletionTimestamp: '2026-01-01T00:00:00Z' },
      error: 'ns/web has just been deleted at 2026-01-01T00:00:00Z',
    },
  ])('adopts nothing when a fresh read finds the Deployment $name', async ({ fresh, error }) => {
    await expect(run(deployment(), [rs('a', 'web')], fresh)).rejects.toThrow(error);
  });
});
