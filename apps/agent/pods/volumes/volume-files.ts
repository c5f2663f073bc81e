// What each pod volume holds, decided before anything touches the disk: a directory used as is
// (emptyDir, hostPath) or files written from keys (configMap, secret, downwardAPI, projected),
// with items, paths and modes as kubelet's volume plugins lay them out.
import { ContainerCannotRun } from '../../runtime/container-cannot-run';
import { configMapData, EnvSources, secretData } from '../env/container-env';
import { fieldRefValue, resourceFieldRefValue } from '../env/field-ref';
import type { NodeFacts, Pod, Volume } from '../pod-types';
import { allContainers } from '../env/container-env';

export interface VolumeFile {
  /** Relative to the volume's directory. */
  path: string;
  content: string;
  mode: number;
}

export type VolumeContent =
  | { kind: 'emptyDir' }
  | { kind: 'hostPath'; path: string; type: string }
  | { kind: 'files'; plugin: string; files: VolumeFile[] };

const DEFAULT_MODE = 0o644;

interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

const mountFailed = (volume: string, why: string) =>
  new ContainerCannotRun('ContainerCreating', `MountVolume.SetUp failed for volume "${volume}" : ${why}`);

/** Every key as a file, or only the items listed (a listed key missing fails unless optional). */
function keyFiles(
  data: Record<string, string>,
  items: KeyToPath[] | undefined,
  defaultMode: number,
  optional: boolean,
  describe: string,
): VolumeFile[] {
  if (!items?.length)
    return Object.keys(data)
      .sort()
      .map((k) => ({ path: k, content: data[k], mode: defaultMode }));
  return items.flatMap((item) => {
    if (!(item.key in data)) {
      if (optional) return [];
      throw new Error(`configured to use key ${item.key} of ${describe}, which does not exist`);
    }
    return [{ path: item.path, content: data[item.key], mode: item.mode ?? defaultMode }];
  });
}

interface DownwardItem {
  path: string;
  mode?: number;
  fieldRef?: { fieldPath: string };
  resourceFieldRef?: { containerName?: string; resource: string; divisor?: unknown };
}

function downwardFiles(pod: Pod, items: DownwardItem[], defaultMode: number, node: NodeFacts): VolumeFile[] {
  return items.map((item) => {
    let content: string | undefined;
    if (item.fieldRef) content = fieldRefValue(pod, item.fieldRef.fieldPath, node);
    else if (item.resourceFieldRef) {
      const ref = item.resourceFieldRef;
      const container = allContainers(pod).find((c) => c.name === ref.containerName);
      content = resourceFieldRefValue(container, ref.resource, ref.divisor as string | undefined, node);
    }
    if (content === undefined) throw new Error(`unsupported downward API item ${item.path}`);
    return { path: item.path, content, mode: item.mode ?? defaultMode };
  });
}

export async function volumeContent(
  pod: Pod,
  volume: Volume,
  node: NodeFacts,
  sources: Pick<EnvSources, 'configMap' | 'secret'>,
): Promise<VolumeContent> {
  const ns = pod.metadata.namespace ?? 'default';
  const fromConfigMap = async (src: { name?: string; items?: KeyToPath[]; optional?: boolean }, mode: number) => {
    const cm = await sources.configMap(ns, src.name ?? '');
    if (!cm && !src.optional) throw new Error(`configmap "${src.name}" not found`);
    return keyFiles(cm ? configMapData(cm) : {}, src.items, mode, !!src.optional, `configmap ${src.name}`);
  };
  const fromSecret = async (
    src: { secretName?: string; name?: string; items?: KeyToPath[]; optional?: boolean },
    mode: number,
  ) => {
    const name = src.secretName ?? src.name ?? '';
    const s = await sources.secret(ns, name);
    if (!s && !src.optional) throw new Error(`secret "${name}" not found`);
    return keyFiles(s ? secretData(s) : {}, src.items, mode, !!src.optional, `secret ${name}`);
  };
  try {
    if (volume.emptyDir) return { kind: 'emptyDir' };
    if (volume.hostPath) return { kind: 'hostPath', path: volume.hostPath.path, type: volume.hostPath.type ?? '' };
    if (volume.configMap) {
      return {
        kind: 'files',
        plugin: 'configmap',
        files: await fromConfigMap(volume.configMap, volume.configMap.defaultMode ?? DEFAULT_MODE),
      };
    }
    if (volume.secret) {
      return {
        kind: 'files',
        plugin: 'secret',
        files: await fromSecret(volume.secret, volume.secret.defaultMode ?? DEFAULT_MODE),
      };
    }
    if (volume.downwardAPI) {
      const mode = volume.downwardAPI.defaultMode ?? DEFAULT_MODE;
      return {
        kind: 'files',
        plugin: 'downward-api',
        files: downwardFiles(pod, volume.downwardAPI.items ?? [], mode, node),
      };
    }
    if (volume.projected) {
      const mode = volume.projected.defaultMode ?? DEFAULT_MODE;
      const files: VolumeFile[] = [];
      for (const s of volume.projected.sources ?? []) {
        if (s.configMap) files.push(...(await fromConfigMap(s.configMap, mode)));
        else if (s.secret) files.push(...(await fromSecret(s.secret, mode)));
        else if (s.downwardAPI) files.push(...downwardFiles(pod, s.downwardAPI.items ?? [], mode, node));
        else throw new Error('only configMap, secret and downwardAPI projections are supported by this node');
      }
      return { kind: 'files', plugin: 'projected', files };
    }
  } catch (e) {
    throw mountFailed(volume.name, (e as Error).message);
  }
  throw mountFailed(volume.name, 'this volume type is not supported by the host-process runtime');
}
