// The nodes and pods of the scheduler benchmark, as kube's scheduler_perf templates make them:
// ready nodes with room for 110 pods spread over zones, and pending pods with small requests,
// optionally carrying a required hostname anti-affinity within their group or a DoNotSchedule
// spread over zones, or owned by ReplicaSets so the system default spread constraints apply.
import type { ReplicaSet } from '../libs/api/apps/types';
import type { Node, Pod } from '../libs/api/core/types';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** What every pod of a run carries besides its requests. */
export type PodConstraint = 'none' | 'anti-affinity' | 'spread' | 'default-spread';

export const zoneOf = (nodeIndex: number, zones: number) => `zone-${nodeIndex % zones}`;

/** The anti-affinity group of pod `index`: groupSize consecutive pods. */
export const groupOf = (index: number, groupSize: number) => `group-${Math.floor(index / groupSize)}`;

export const benchNode = (index: number, zones: number): Node => {
  const name = `node-${index}`;
  const capacity = { cpu: '32', memory: '128Gi', pods: '110', 'ephemeral-storage': '500Gi' };
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        [HOSTNAME_LABEL]: name,
        [ZONE_LABEL]: zoneOf(index, zones),
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
      },
    },
    spec: {},
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: now, lastTransitionTime: now },
      ],
    },
  } as Node;
};

const containers = [
  {
    name: 'app',
    image: 'registry.k8s.io/pause:3.10',
    resources: { requests: { cpu: '100m', memory: '128Mi' } },
  },
];

/** The ReplicaSet owning the pods of one group in the default-spread runs (no loop acts on it). */
export const benchReplicaSet = (group: string, namespace: string, replicas: number): ReplicaSet =>
  ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: group, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'bench', group } },
      template: { metadata: { labels: { app: 'bench', group } }, spec: { containers } },
    },
  }) as ReplicaSet;

/**
 * Pod `index` of a run. Anti-affinity: no two pods of one group (groupSize consecutive pods) on
 * one node, as scheduler_perf's SchedulingPodAntiAffinity, split into groups so 10,000 pods fit
 * on fewer nodes. Spread: every pod of the run spread over zones with maxSkew 1. Default spread:
 * the group's ReplicaSet (of that uid) controls the pod, as a Deployment's pods.
 */
export const benchPod = (
  index: number,
  namespace: string,
  constraint: PodConstraint,
  groupSize: number,
  ownerUid?: string,
): Pod => {
  const group = groupOf(index, groupSize);
  const labels = { app: 'bench', group };
  const spec: NonNullable<Pod['spec']> = { containers };
  if (constraint === 'anti-affinity') {
    spec.affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { group } }, topologyKey: HOSTNAME_LABEL },
        ],
      },
    };
  } else if (constraint === 'spread') {
    spec.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: ZONE_LABEL,
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'bench' } },
      },
    ];
  }
  const ownerReferences =
    constraint === 'default-spread' && ownerUid
      ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: group, uid: ownerUid, controller: true }]
      : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${index}`, namespace, labels, ownerReferences },
    spec,
  } as Pod;
};
