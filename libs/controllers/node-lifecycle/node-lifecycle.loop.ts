// The node lifecycle loop, declared on the kit, as kube-controller-manager's node-lifecycle-controller
// under the node-controller service account: a node not heard from for the grace period turns
// Unknown, its pods not ready; NoSchedule taints follow its conditions, and the not-ready /
// unreachable NoExecute taints its Ready condition, paced per zone, for the taint eviction loop.
import type { Node, Pod } from '@kubenest/api/core/types';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { resources } from '@kubenest/client';
import type { LeaseRenewals } from '../certificates';
import { DEFAULT_NODE_MONITOR_GRACE_PERIOD_SECONDS } from '../certificates';
import { byNodeName, Lister, NODE_NAME_INDEX } from '../informer';
import { chain, defineLoop, Loop } from '../loop';
import { markPodsNotReady } from './mark-pods-not-ready.step';
import { monitorNodeHealth } from './monitor-node-health.step';
import { noExecuteTaints } from './no-execute-taints.step';
import { noScheduleTaints } from './no-schedule-taints.step';
import { readyCondition } from './node-conditions';
import { NodeProbes } from './node-probes';
import { writeThrough } from './write-through';
import { DEFAULT_EVICTION_SETTINGS, EvictionSettings } from './zone-disruption';
import { ZoneEvictionLimiter } from './zone-eviction-limiter';

export const NODE_CONTROLLER = controllerServiceAccount('node-controller');

/** kube's nodeStartupGracePeriod and --node-monitor-period. */
const STARTUP_GRACE_PERIOD_MS = 60_000;
const MONITOR_PERIOD_MS = 5_000;

export interface NodeLifecycleLoopOptions {
  /** The node leases' renewals as this apiserver's lease observer saw them. */
  leases: Pick<LeaseRenewals, 'sinceRenewalMs'>;
  /** kube-controller-manager's --node-monitor-grace-period. */
  gracePeriodSeconds?: number;
  eviction?: Partial<EvictionSettings>;
  monitorPeriodMs?: number;
  /** A clock in ms that only moves forward (default performance.now()). */
  monotonicNow?: () => number;
  now?: () => Date;
}

/** A pod on a node that is not Ready, itself still ready: its node's key, as kube's processPod marks it. */
const nodeToMark = (pod: Pod, nodes: Lister<Node>): string[] => {
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return [];
  const podReady = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  const node = nodes.get(undefined, nodeName);
  const nodeReady = node && readyCondition(node)?.status;
  return podReady === 'True' && nodeReady !== undefined && nodeReady !== 'True' ? [nodeName] : [];
};

export const nodeLifecycleLoop = (options: NodeLifecycleLoopOptions): Loop =>
  defineLoop<Node>({
    // kube's --controllers name: loops are chosen by kube's names (KUBENEST_CONTROLLERS).
    name: 'node-lifecycle-controller',
    identity: NODE_CONTROLLER,
    for: resources.nodes,
    watches: [{ resource: resources.pods, keys: (pod, _old, nodes) => nodeToMark(pod as Pod, nodes) }],
    reconcile: ({ client, lister, listerFor, recorder }) => {
      const monotonicNow = options.monotonicNow ?? (() => performance.now());
      const now = options.now ?? (() => new Date());
      const monitorPeriodMs = options.monitorPeriodMs ?? MONITOR_PERIOD_MS;
      const pods = listerFor<Pod>(resources.pods, { [NODE_NAME_INDEX]: byNodeName });
      const nodes = client.resource<Node>(resources.nodes);
      const writeNode = (sub?: string) => {
        const write = writeThrough(nodes, sub);
        return (name: string, mutate: (current: Node) => void) => write(undefined, name, mutate);
      };
      const probes = new NodeProbes({
        sinceRenewalMs: options.leases.sinceRenewalMs,
        now: monotonicNow,
        exists: (name) => lister.getByKey(name) !== undefined,
      });
      const limiter = new ZoneEvictionLimiter({ ...DEFAULT_EVICTION_SETTINGS, ...options.eviction }, monotonicNow);
      return chain(
        monitorNodeHealth({
          sinceProbeMs: (node) => probes.sinceProbeMs(node),
          gracePeriodMs: (options.gracePeriodSeconds ?? DEFAULT_NODE_MONITOR_GRACE_PERIOD_SECONDS) * 1000,
          startupGracePeriodMs: STARTUP_GRACE_PERIOD_MS,
          monitorPeriodMs,
          writeStatus: writeNode('status'),
          recorder,
          now,
        }),
        markPodsNotReady({
          podsOn: (nodeName) => pods.byIndex(NODE_NAME_INDEX, nodeName),
          writePodStatus: writeThrough(client.resource<Pod>(resources.pods), 'status'),
          recorder,
          now,
        }),
        noScheduleTaints({ writeNode: writeNode() }),
        noExecuteTaints({ nodes: () => lister.list(), limiter, writeNode: writeNode(), monitorPeriodMs, now }),
      );
    },
  });
