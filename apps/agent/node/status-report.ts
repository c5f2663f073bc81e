// When to post node status, as kubelet decides it: at once when anything but the heartbeat
// times changed, otherwise only once the report frequency (5 minutes) has passed.
import { NodeStatus } from './node-object';

export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60 * 1000;

const withoutHeartbeats = (status: NodeStatus): NodeStatus => ({
  ...status,
  conditions: (status.conditions ?? []).map(({ lastHeartbeatTime: _h, ...rest }) => rest),
});

/** Stable text of a status with heartbeat times left out: equal texts mean nothing changed. */
export const statusFingerprint = (status: NodeStatus): string => JSON.stringify(withoutHeartbeats(status));

export interface LastReport {
  fingerprint: string;
  atMs: number;
}

export function shouldReportStatus(
  last: LastReport | undefined,
  next: NodeStatus,
  nowMs: number,
  frequencyMs = NODE_STATUS_REPORT_FREQUENCY_MS,
): boolean {
  if (!last) return true;
  return last.fingerprint !== statusFingerprint(next) || nowMs - last.atMs >= frequencyMs;
}
