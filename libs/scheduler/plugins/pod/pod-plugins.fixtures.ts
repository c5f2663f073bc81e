// Terse pods, nodes and a fake FrameworkHandle for the pod plugins' tables: a snapshot built
// from NodeInfos and in-memory listers for namespaces, services and replica sets.
import type { Namespace, Node, Pod, Service } from '@kubenest/api/core/types';
import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { KubeObject } from '@kubenest/apimachinery';
import type { LabelSelector } from '@kubenest/apimachinery/selectors';
import type { Lister } from '@kubenest/controllers';
import {
  CycleState,
  FrameworkHandle,
  newPodInfo,
  NodeInfo,
  NodeScore,
  PodAffinityTermSpec,
  Snapshot,
} from '../../framework';

export const ZONE = 'topology.kubernetes.io/zone';
export const HOSTNAME = 'kubernetes.io/hostname';

type PodSpec = NonNullable<Pod['spec']>;

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  /** A ReplicaSet that controls the pod. */
  ownerReplicaSet?: string;
  deleting?: boolean;
  spec?: Partial<PodSpec>;
}

export const pod = (name: string, o: PodOptions = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: o.namespace ?? 'default',
    uid: `uid-${o.namespace ?? 'default'}-${name}`,
    labels: o.labels,
    ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    ...(o.ownerReplicaSet
      ? {
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: o.ownerReplicaSet,
              uid: `uid-rs-${o.ownerReplicaSet}`,
              controller: true,
            },
          ],
        }
      : {}),
  },
  spec: { containers: [{ name: 'c', image: 'busybox' }], ...(o.nodeName ? { nodeName: o.nodeName } : {}), ...o.spec },
});

export const node = (name: string, labels: Record<string, string> = {}, spec: Node['spec'] = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, uid: `uid-node-${name}`, labels: { [HOSTNAME]: name, ...labels } },
  spec,
  status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
});

export const namespace = (name: string, labels: Record<string, string> = {}): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
});

/** A term selecting `labels` by matchLabels, in `topologyKey`. */
export const term = (
  labels: Record<string, string>,
  topologyKey: string,
  more: Partial<PodAffinityTermSpec> = {},
): PodAffinityTermSpec => ({ labelSelector: { matchLabels: labels }, topologyKey, ...more });

export const weighted = (weight: number, t: PodAffinityTermSpec) => ({ weight, podAffinityTerm: t });

export interface AffinityOptions {
  affinity?: PodAffinityTermSpec[];
  antiAffinity?: PodAffinityTermSpec[];
  preferredAffinity?: ReturnType<typeof weighted>[];
  preferredAntiAffinity?: ReturnType<typeof weighted>[];
}

export const affinity = (o: AffinityOptions): Partial<PodSpec> => ({
  affinity: {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: o.affinity,
      preferredDuringSchedulingIgnoredDuringExecution: o.preferredAffinity,
    },
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: o.antiAffinity,
      preferredDuringSchedulingIgnoredDuringExecution: o.preferredAntiAffinity,
    },
  } as PodSpec['affinity'],
});

/** NodeInfos for these nodes, each existing pod on the node its spec.nodeName names. */
export const nodeInfos = (nodes: Node[], pods: Pod[] = []): NodeInfo[] => {
  const infos = new Map(nodes.map((n) => [n.metadata.name, new NodeInfo(n)]));
  for (const p of pods) infos.get(p.spec!.nodeName!)!.addPod(newPodInfo(p));
  return [...infos.values()];
};

export const snapshotOf = (infos: readonly NodeInfo[]): Snapshot => ({
  nodeInfos: infos,
  get: (name) => infos.find((i) => i.name === name),
  havePodsWithAffinity: infos.filter((i) => i.podsWithAffinity.length),
  havePodsWithRequiredAntiAffinity: infos.filter((i) => i.podsWithRequiredAntiAffinity.length),
});

export const listerOf = <T extends KubeObject>(objects: readonly T[]): Lister<T> => {
  const key = (o: T): string =>
    o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : (o.metadata.name ?? '');
  return {
    getByKey: (k) => objects.find((o) => key(o) === k),
    get: (ns, name) => objects.find((o) => key(o) === (ns ? `${ns}/${name}` : name)),
    list: ({ namespace: ns, selector }: { namespace?: string; selector?: LabelSelector } = {}) =>
      objects.filter(
        (o) =>
          (ns === undefined || o.metadata.namespace === ns) && (!selector || selector.matches(o.metadata.labels ?? {})),
      ),
    byIndex: () => [],
  };
};

export interface Cluster {
  nodes: NodeInfo[];
  namespaces?: Namespace[];
  services?: Service[];
  replicaSets?: ReplicaSet[];
}

const notInTests = (): never => {
  throw new Error('not used by the pod plugins');
};

/** A handle whose snapshot and listers are the given cluster (the snapshot may be swapped). */
export const fakeHandle = (cluster: Cluster): FrameworkHandle & { cluster: Cluster } => {
  const listers: Record<string, Lister> = {
    'v1/namespaces': listerOf(cluster.namespaces ?? [namespace('default')]),
    'v1/services': listerOf(cluster.services ?? []),
    'apps/v1/replicasets': listerOf(cluster.replicaSets ?? []),
  };
  return {
    cluster,
    snapshot: () => snapshotOf(cluster.nodes),
    listerFor: <T extends KubeObject>(resource: unknown) => listers[resource as string] as Lister<T>,
    get client() {
      return notInTests();
    },
    get recorder() {
      return notInTests();
    },
    nominator: { nominatedPodsForNode: () => [] },
    runFilterPluginsWithNominatedPods: notInTests,
    runPreFilterExtensionAddPod: notInTests,
    runPreFilterExtensionRemovePod: notInTests,
  };
};

/** Runs pre-score, score and normalize over these nodes as the framework would. */
export const scoresOf = (
  plugin: {
    preScore(s: CycleState, p: Pod, n: readonly NodeInfo[]): { code: string };
    score(s: CycleState, p: Pod, n: NodeInfo): number;
    normalizeScore?(s: CycleState, p: Pod, scores: NodeScore[]): void;
  },
  incoming: Pod,
  nodes: readonly NodeInfo[],
): Record<string, number> | 'Skip' => {
  const state = new CycleState();
  if (plugin.preScore(state, incoming, nodes).code === 'Skip') return 'Skip';
  const scores = nodes.map((n) => ({ name: n.name!, score: plugin.score(state, incoming, n) }));
  plugin.normalizeScore?.(state, incoming, scores);
  return Object.fromEntries(scores.map((s) => [s.name, s.score]));
};
