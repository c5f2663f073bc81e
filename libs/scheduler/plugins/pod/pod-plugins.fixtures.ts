// Terse pods, nodes (the shared builders') and a fake FrameworkHandle for the pod plugins'
// tables: a snapshot of NodeInfos and in-memory listers for namespaces, services and replica sets.
import type { Namespace, Node, Pod, Service } from '@kubenest/api/core/types';
import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { KubeObject } from '@kubenest/apimachinery';
import type { LabelSelector } from '@kubenest/apimachinery/selectors';
import type { Lister } from '@kubenest/controllers';
import { CycleState, FrameworkHandle, NodeInfo, NodeScore, PodAffinityTermSpec } from '../../framework';
import { makeNode, makePod, PodOptions as BasePodOptions, snapshotOf } from '../../testing';

export const ZONE = 'topology.kubernetes.io/zone';
export const HOSTNAME = 'kubernetes.io/hostname';

type PodSpec = NonNullable<Pod['spec']>;

export interface PodOptions extends Pick<BasePodOptions, 'namespace' | 'labels' | 'nodeName' | 'deleting' | 'spec'> {
  /** A ReplicaSet that controls the pod. */
  ownerReplicaSet?: string;
}

/** The shared builder's pod, with its uid unique across namespaces and an owning ReplicaSet when asked. */
export const pod = (name: string, { ownerReplicaSet, ...o }: PodOptions = {}): Pod => {
  const built = makePod(name, { ...o, uid: `uid-${o.namespace ?? 'default'}-${name}` });
  if (!ownerReplicaSet) return built;
  const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: ownerReplicaSet, uid: `uid-rs-${ownerReplicaSet}` };
  return { ...built, metadata: { ...built.metadata, ownerReferences: [{ ...owner, controller: true }] } };
};

/** The shared builder's node, with these labels besides its hostname and the spec's taints. */
export const node = (name: string, labels: Record<string, string> = {}, spec: Node['spec'] = {}): Node =>
  makeNode(name, { labels, taints: spec?.taints, unschedulable: spec?.unschedulable });

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
