// Reports the node's status as kubelet does: computed every 10 s, posted (nodes/status) when it
// changed, when the server holds other condition statuses (the node lifecycle loop turned them
// Unknown while the node was out of reach) or 5 minutes after the last post; failures retry with backoff.
import { Logger } from '@nestjs/common';
import { Backoff } from '@kubenest/apimachinery/wait';
import { RepeatingTask } from '../util/repeating-task';
import { NodeApi } from './node-api';
import { NodeCondition, nodeConditions, PressureSignals } from './node-conditions';
import { Node, NodeStatus, nodeStatus } from './node-object';
import { NodeSettings } from './node-settings';
import { LastReport, NODE_STATUS_REPORT_FREQUENCY_MS, shouldReportStatus, statusFingerprint } from './status-report';

export const NODE_STATUS_UPDATE_INTERVAL_MS = 10_000;
const STATUS_BACKOFF: Backoff = { baseMs: 500, maxMs: NODE_STATUS_UPDATE_INTERVAL_MS };

export interface StatusReporterDeps {
  getNode: NodeApi['getNode'];
  patchNodeStatus: NodeApi['patchNodeStatus'];
  readSignals: () => Promise<PressureSignals>;
  internalIP: () => string;
}

const logger = new Logger('NodeStatus');

/** Whether a condition the node reports has another status on the server, as kubelet compares with the Node it reads. */
const serverDiffers = (server: Node, status: NodeStatus): boolean =>
  (status.conditions ?? []).some(
    (c) => server.status?.conditions?.find((held) => held.type === c.type)?.status !== c.status,
  );

/** One tick: returns the new last report (unchanged when nothing was posted). */
export const reportNodeStatus =
  (deps: StatusReporterDeps) =>
  async (
    settings: NodeSettings,
    last: (LastReport & { conditions: NodeCondition[] }) | undefined,
    nowMs: number,
    frequencyMs = NODE_STATUS_REPORT_FREQUENCY_MS,
  ): Promise<(LastReport & { conditions: NodeCondition[] }) | undefined> => {
    const conditions = nodeConditions(await deps.readSignals(), last?.conditions ?? [], nowMs);
    const status: NodeStatus = nodeStatus(settings, deps.internalIP(), conditions);
    if (
      !shouldReportStatus(last, status, nowMs, frequencyMs) &&
      !serverDiffers(await deps.getNode(settings.name), status)
    )
      return last;
    await deps.patchNodeStatus(settings.name, status);
    return { fingerprint: statusFingerprint(status), atMs: nowMs, conditions };
  };

export function startNodeStatusReporter(
  deps: StatusReporterDeps,
  settings: NodeSettings,
  options: { initialDelayMs?: number; intervalMs?: number; frequencyMs?: number } = {},
): RepeatingTask {
  const report = reportNodeStatus(deps);
  let last: Awaited<ReturnType<typeof report>>;
  return new RepeatingTask(
    async () => {
      last = await report(settings, last, Date.now(), options.frequencyMs);
    },
    {
      intervalMs: options.intervalMs ?? NODE_STATUS_UPDATE_INTERVAL_MS,
      backoff: STATUS_BACKOFF,
      initialDelayMs: options.initialDelayMs,
      onError: (e, attempt) => {
        if (attempt === 0 || attempt % 10 === 0) logger.warn(`status of ${settings.name}: ${(e as Error).message}`);
      },
    },
  ).start();
}
