import { ContainerCannotRun } from '../../runtime/container-cannot-run';
import type { NodeFacts, Pod, Volume } from '../pod-types';
import { containerMounts } from './prepare-volumes';
import { volumeContent } from './volume-files';

const node: NodeFacts = { name: 'n1', hostIP: '10.0.0.5', allocatable: { cpu: '2', memory: '1Gi' } };
const pod: Pod = {
  metadata: { name: 'web', namespace: 'shop', uid: 'u', labels: { b: '2', a: '1' } },
  spec: { containers: [{ name: 'c', resources: { limits: { memory: '64Mi' } } }] },
};
const sources = {
  configMap: async (_: string, name: string) =>
    name === 'cfg'
      ? {
          metadata: { name },
          data: { 'app.conf': 'x=1', other: 'y' },
          binaryData: { bin: Buffer.from('b').toString('base64') },
        }
      : undefined,
  secret: async (_: string, name: string) =>
    name === 'sec' ? { metadata: { name }, data: { token: Buffer.from('t0k').toString('base64') } } : undefined,
};

describe('volumeContent', () => {
  it.each<{ name: string; volume: Volume; want: unknown }>([
    { name: 'emptyDir', volume: { name: 'v', emptyDir: {} }, want: { kind: 'emptyDir' } },
    {
      name: 'hostPath',
      volume: { name: 'v', hostPath: { path: '/srv', type: 'Directory' } },
      want: { kind: 'hostPath', path: '/srv', type: 'Directory' },
    },
    {
      name: 'configMap, every key',
      volume: { name: 'v', configMap: { name: 'cfg' } },
      want: {
        kind: 'files',
        plugin: 'configmap',
        files: [
          { path: 'app.conf', content: 'x=1', mode: 0o644 },
          { path: 'bin', content: 'b', mode: 0o644 },
          { path: 'other', content: 'y', mode: 0o644 },
        ],
      },
    },
    {
      name: 'configMap items with paths and modes',
      volume: {
        name: 'v',
        configMap: {
          name: 'cfg',
          defaultMode: 0o600,
          items: [
            { key: 'app.conf', path: 'etc/app.conf' },
            { key: 'other', path: 'o', mode: 0o400 },
          ],
        },
      },
      want: {
        kind: 'files',
        plugin: 'configmap',
        files: [
          { path: 'etc/app.conf', content: 'x=1', mode: 0o600 },
          { path: 'o', content: 'y', mode: 0o400 },
        ],
      },
    },
    {
      name: 'secret, decoded',
      volume: { name: 'v', secret: { secretName: 'sec' } },
      want: { kind: 'files', plugin: 'secret', files: [{ path: 'token', content: 't0k', mode: 0o644 }] },
    },
    {
      name: 'optional missing secret',
      volume: { name: 'v', secret: { secretName: 'nope', optional: true } },
      want: { kind: 'files', plugin: 'secret', files: [] },
    },
    {
      name: 'downwardAPI',
      volume: {
        name: 'v',
        downwardAPI: {
          items: [
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
            { path: 'mem', resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' } },
          ],
        },
      },
      want: {
        kind: 'files',
        plugin: 'downward-api',
        files: [
          { path: 'labels', content: 'a="1"\nb="2"', mode: 0o644 },
          { path: 'name', content: 'web', mode: 0o644 },
          { path: 'mem', content: '64', mode: 0o644 },
        ],
      },
    },
    {
      name: 'projected',
      volume: {
        name: 'v',
        projected: {
          sources: [{ secret: { name: 'sec' } }, { configMap: { name: 'cfg', items: [{ key: 'other', path: 'o' }] } }],
        },
      },
      want: {
        kind: 'files',
        plugin: 'projected',
        files: [
          { path: 'token', content: 't0k', mode: 0o644 },
          { path: 'o', content: 'y', mode: 0o644 },
        ],
      },
    },
  ])('$name', async ({ volume, want }) => {
    expect(await volumeContent(pod, volume, node, sources)).toEqual(want);
  });

  it.each<{ name: string; volume: Volume; message: string }>([
    {
      name: 'a missing configmap',
      volume: { name: 'v', configMap: { name: 'nope' } },
      message: 'MountVolume.SetUp failed for volume "v" : configmap "nope" not found',
    },
    {
      name: 'a missing item key',
      volume: { name: 'v', configMap: { name: 'cfg', items: [{ key: 'zz', path: 'z' }] } },
      message:
        'MountVolume.SetUp failed for volume "v" : configured to use key zz of configmap cfg, which does not exist',
    },
    {
      name: 'an unsupported type',
      volume: { name: 'v', nfs: { server: 's', path: '/' } },
      message:
        'MountVolume.SetUp failed for volume "v" : this volume type is not supported by the host-process runtime',
    },
  ])('refuses $name', async ({ volume, message }) => {
    const err = await volumeContent(pod, volume, node, sources).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContainerCannotRun);
    expect(err).toMatchObject({ reason: 'ContainerCreating', message });
  });
});

describe('containerMounts', () => {
  it('maps mounts to volume directories, with subPath and readOnly', () => {
    const c = {
      name: 'c',
      volumeMounts: [
        { name: 'cfg', mountPath: '/etc/app', readOnly: true },
        { name: 'cfg', mountPath: '/etc/one.conf', subPath: 'app.conf' },
      ],
    };
    expect(containerMounts(c, { cfg: '/d/pods/u/volumes/configmap/cfg' })).toEqual([
      { source: '/d/pods/u/volumes/configmap/cfg', target: '/etc/app', readOnly: true },
      { source: '/d/pods/u/volumes/configmap/cfg/app.conf', target: '/etc/one.conf', readOnly: false },
    ]);
    expect(() => containerMounts({ name: 'c', volumeMounts: [{ name: 'x', mountPath: '/x' }] }, {})).toThrow(
      'volume "x" not found',
    );
  });
});
