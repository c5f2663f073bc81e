import type { Pod } from '@kubenest/api/core/types';
import { podReferences } from './pod-references';

const pod = (spec: Partial<NonNullable<Pod['spec']>>, annotations?: Record<string, string>): Pod => ({
  metadata: { namespace: 'default', name: 'p', annotations },
  spec: { containers: [], ...spec },
});

const names = (p: Pod): string[] => podReferences(p).map((r) => `${r.kind}/${r.name}`);

describe('podReferences', () => {
  it.each([
    { name: 'nothing', spec: {}, want: [] },
    { name: 'its service account', spec: { serviceAccountName: 'sa' }, want: ['serviceaccount/sa'] },
    { name: 'image pull secrets', spec: { imagePullSecrets: [{ name: 'pull' }, {}] }, want: ['secret/pull'] },
    {
      name: 'env and envFrom of a container',
      spec: {
        containers: [
          {
            name: 'c',
            env: [
              { name: 'A', valueFrom: { secretKeyRef: { name: 's1', key: 'k' } } },
              { name: 'B', valueFrom: { configMapKeyRef: { name: 'c1', key: 'k' } } },
              { name: 'C', value: 'plain' },
            ],
            envFrom: [{ secretRef: { name: 's2' } }, { configMapRef: { name: 'c2' } }],
          },
        ],
      },
      want: ['secret/s2', 'configmap/c2', 'secret/s1', 'configmap/c1'],
    },
    {
      name: 'init and ephemeral containers',
      spec: {
        initContainers: [{ name: 'i', envFrom: [{ secretRef: { name: 'init' } }] }],
        ephemeralContainers: [{ name: 'e', envFrom: [{ configMapRef: { name: 'debug' } }] }],
      },
      want: ['secret/init', 'configmap/debug'],
    },
    {
      name: 'secret, configMap and projected volumes',
      spec: {
        volumes: [
          { name: 'a', secret: { secretName: 'vs' } },
          { name: 'b', configMap: { name: 'vc' } },
          {
            name: 'c',
            projected: {
              sources: [{ secret: { name: 'ps' } }, { configMap: { name: 'pc' } }, { downwardAPI: {} }],
            },
          },
          { name: 'd', emptyDir: {} },
        ],
      },
      want: ['secret/vs', 'configmap/vc', 'secret/ps', 'configmap/pc'],
    },
    {
      name: 'the secrets volume plugins log in with',
      spec: {
        volumes: [
          { name: 'a', azureFile: { secretName: 'az', shareName: 's' } },
          { name: 'b', cephfs: { monitors: [], secretRef: { name: 'ceph' } } },
          { name: 'c', csi: { driver: 'd', nodePublishSecretRef: { name: 'csi' } } },
          { name: 'd', iscsi: { iqn: 'i', lun: 0, targetPortal: 't', secretRef: { name: 'iscsi' } } },
        ],
      },
      want: ['secret/az', 'secret/ceph', 'secret/csi', 'secret/iscsi'],
    },
    {
      name: 'each object once',
      spec: {
        imagePullSecrets: [{ name: 's' }],
        containers: [{ name: 'c', envFrom: [{ secretRef: { name: 's' } }] }],
        volumes: [{ name: 'v', secret: { secretName: 's' } }],
      },
      want: ['secret/s'],
    },
  ])('$name', ({ spec, want }) => {
    expect(names(pod(spec as never))).toEqual(want);
  });

  it('gives a mirror pod none, as kube does', () => {
    const mirror = pod(
      { serviceAccountName: 'sa', imagePullSecrets: [{ name: 's' }] },
      {
        'kubernetes.io/config.mirror': 'hash',
      },
    );
    expect(podReferences(mirror)).toEqual([]);
  });
});
