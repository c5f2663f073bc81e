// Terse pods, nodes (the shared builders') and node infos for the node plugins' tables.
import type { Container, Node, Pod } from '@kubenest/api/core/types';
import { CycleState, NodeInfo, Status } from '../../framework';
import type { FrameworkHandle, NodeScore, Plugin, PreScorePlugin, ScorePlugin } from '../../framework';
import type { NodeAffinity } from '../../framework/node-affinity';
import type { Toleration } from '../../framework/tolerations';
import { makeNode as baseNode, makePod as basePod, NodeOptions as BaseNodeOptions, nodeInfosOf } from '../../testing';

type List = Record<string, string>;

export interface NodeOptions extends Pick<BaseNodeOptions, 'labels' | 'taints' | 'allocatable' | 'unschedulable'> {
  /** The Ready condition's status; null leaves the condition out. */
  ready?: 'True' | 'False' | 'Unknown' | null;
}

/** The shared builder's node; `ready: null` takes its Ready condition away. */
export const makeNode = (name: string, { ready, ...o }: NodeOptions = {}): Node => {
  const node = baseNode(name, { ...o, ready: ready ?? undefined });
  return ready === null ? { ...node, status: { ...node.status, conditions: [] } } : node;
};

export interface PodOptions {
  nodeName?: string;
  /** One entry per container. */
  requests?: List[];
  initContainers?: Array<{ requests?: List; sidecar?: boolean; hostPorts?: number[] }>;
  overhead?: List;
  tolerations?: Toleration[];
  nodeSelector?: List;
  affinity?: NodeAffinity;
  /** `port` or `ip:port/protocol`-like objects. */
  hostPorts?: Array<number | { port: number; ip?: string; protocol?: 'TCP' | 'UDP' | 'SCTP' }>;
}

const container = (name: string, requests?: List): Container => ({
  name,
  image: 'pause',
  resources: requests ? { requests } : undefined,
});

/** The shared builder's pod with the containers, init containers and node constraints asked for. */
export const makePod = (name: string, o: PodOptions = {}): Pod => {
  const containers = (o.requests ?? [undefined]).map((r, i) => container(`c${i}`, r));
  if (o.hostPorts)
    containers[0].ports = o.hostPorts.map((p) =>
      typeof p === 'number'
        ? { containerPort: p, hostPort: p }
        : { containerPort: p.port, hostPort: p.port, hostIP: p.ip, protocol: p.protocol },
    );
  return basePod(name, {
    nodeName: o.nodeName,
    spec: {
      containers,
      initContainers: o.initContainers?.map((c, i) => ({
        ...container(`init${i}`, c.requests),
        restartPolicy: c.sidecar ? 'Always' : undefined,
        ports: c.hostPorts?.map((p) => ({ containerPort: p, hostPort: p })),
      })),
      overhead: o.overhead,
      tolerations: o.tolerations,
      nodeSelector: o.nodeSelector,
      affinity: o.affinity ? { nodeAffinity: o.affinity } : undefined,
    },
  });
};

/** One node's NodeInfo, holding those of `pods` that are on it. */
export const nodeInfoOf = (node: Node, pods: readonly Pod[] = []): NodeInfo => nodeInfosOf([node], pods)[0];

/** The handle plugins get; the node plugins read nothing from it. */
export const noHandle = {} as FrameworkHandle;

/** What a status says, without the shared success's identity. */
export const outcome = (status: Status): { code: string; reasons: readonly string[] } => ({
  code: status.code,
  reasons: status.reasons,
});

/** Runs pre-score (when the plugin has it), score and normalize over `nodes`, as the runtime does. */
export const scoreAll = (plugin: Plugin & ScorePlugin, pod: Pod, nodes: NodeInfo[]): Record<string, number> => {
  const state = new CycleState();
  if ('preScore' in plugin) {
    const status = (plugin as PreScorePlugin).preScore(state, pod, nodes);
    if (status.code === 'Skip') return Object.fromEntries(nodes.map((n) => [n.name ?? '', 0]));
  }
  const scores: NodeScore[] = nodes.map((n) => ({ name: n.name ?? '', score: plugin.score(state, pod, n) }));
  plugin.normalizeScore?.(state, pod, scores);
  return Object.fromEntries(scores.map((s) => [s.name, s.score]));
};
