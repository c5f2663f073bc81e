// Marks a node Unknown once it has not been heard from for the grace period (its Lease not renewed,
// its Ready heartbeat not moved), as kube's monitorNodeHealth: every watched condition Unknown
// through nodes/status and a NodeNotReady event when it was Ready; the chain stops there, the status
// change comes back as an update and the taint steps run then.
import type { Node } from '@kubenest/api/core/types';
import { metaTime } from '@kubenest/apimachinery';
import type { StepResult } from '../loop';
import type { EventRecorder } from '../events';
import { readyCondition, unknownConditions } from './node-conditions';

export type WriteNode = (name: string, mutate: (current: Node) => void) => Promise<unknown>;

export interface MonitorNodeHealthDeps {
  sinceProbeMs: (node: Node) => number;
  /** kube's --node-monitor-grace-period. */
  gracePeriodMs: number;
  /** The grace of a node that never posted a Ready condition (kube's nodeStartupGracePeriod). */
  startupGracePeriodMs: number;
  /** How often a node not heard from is looked at again (kube's --node-monitor-period). */
  monitorPeriodMs: number;
  writeStatus: WriteNode;
  recorder: EventRecorder;
  now: () => Date;
}

export const monitorNodeHealth =
  (deps: MonitorNodeHealthDeps) =>
  async (node: Node): Promise<StepResult> => {
    const ready = readyCondition(node);
    const grace = ready ? deps.gracePeriodMs : deps.startupGracePeriodMs;
    const since = deps.sinceProbeMs(node);
    // As kube: unhealthy only once the probe time plus the grace period is past.
    if (since <= grace) return { requeueAfterMs: grace - since + 1 };
    const now = metaTime(deps.now());
    if (!unknownConditions(node, now)) return { requeueAfterMs: deps.monitorPeriodMs };
    const name = node.metadata.name!;
    await deps.writeStatus(name, (current) => {
      const conditions = unknownConditions(current, now);
      if (conditions) current.status = { ...current.status, conditions };
    });
    if (ready?.status === 'True') {
      deps.recorder.event(
        { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: node.metadata.uid } },
        'Normal',
        'NodeNotReady',
        `Node ${name} status is now: NodeNotReady`,
      );
    }
    return { stop: true };
  };
