import type { Pod } from '@kubenest/api/core/types';
import type { Toleration } from '@kubenest/api/core/tolerations';
import { AdmissionAttributes, Operation } from '@kubenest/registry';
import { DefaultTolerationSeconds } from './default-toleration-seconds';

const podKind = { group: '', version: 'v1', kind: 'Pod', plural: 'pods' };
const notReady = (seconds = 300): Toleration => ({
  key: 'node.kubernetes.io/not-ready',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: seconds,
});
const unreachable = (seconds = 300): Toleration => ({
  key: 'node.kubernetes.io/unreachable',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: seconds,
});

const admitted = async (
  tolerations: Toleration[] | undefined,
  over: Partial<AdmissionAttributes> = {},
  plugin = new DefaultTolerationSeconds(),
): Promise<Toleration[] | undefined> => {
  const pod: Pod = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [], tolerations } };
  await plugin.admit({
    operation: 'CREATE' as Operation,
    kind: podKind,
    name: 'p',
    dryRun: false,
    object: pod,
    ...over,
  });
  return pod.spec?.tolerations;
};

describe('DefaultTolerationSeconds', () => {
  it.each<{ name: string; tolerations?: Toleration[]; want: Toleration[] }>([
    { name: 'none: both added', want: [notReady(), unreachable()] },
    {
      name: 'an unrelated toleration is kept',
      tolerations: [{ key: 'gpu', operator: 'Exists' }],
      want: [{ key: 'gpu', operator: 'Exists' }, notReady(), unreachable()],
    },
    { name: 'its own not-ready toleration kept', tolerations: [notReady(5)], want: [notReady(5), unreachable()] },
    {
      name: 'both its own: untouched',
      tolerations: [unreachable(5), notReady(7)],
      want: [unreachable(5), notReady(7)],
    },
    {
      name: 'a toleration of every taint covers both',
      tolerations: [{ operator: 'Exists' }],
      want: [{ operator: 'Exists' }],
    },
    {
      name: 'a key without effect covers its NoExecute taint',
      tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
      want: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, notReady()],
    },
    {
      name: 'a NoSchedule toleration does not cover NoExecute',
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      want: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' },
        notReady(),
        unreachable(),
      ],
    },
  ])('$name', async ({ tolerations, want }) => {
    expect(await admitted(tolerations)).toEqual(want);
  });

  it('uses the configured seconds', async () => {
    const plugin = new DefaultTolerationSeconds({ notReadySeconds: 30, unreachableSeconds: 60 });
    expect(await admitted(undefined, {}, plugin)).toEqual([notReady(30), unreachable(60)]);
  });

  it.each<{ name: string; over: Partial<AdmissionAttributes> }>([
    { name: 'a subresource', over: { subresource: 'status' } },
    { name: 'a delete', over: { operation: 'DELETE' } },
    { name: 'another kind', over: { kind: { group: '', version: 'v1', kind: 'Node', plural: 'nodes' } } },
    { name: 'pods of another group', over: { kind: { ...podKind, group: 'metrics.k8s.io' } } },
  ])('leaves $name alone', async ({ over }) => {
    expect(await admitted(undefined, over)).toBeUndefined();
  });
});
