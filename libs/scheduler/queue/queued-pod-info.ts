// A pod as the scheduling queue holds it: when it entered, how often it was tried, and which
// plugins turned it down last time (only events those plugins registered move it again).
import type { Pod } from '@kubenest/api/core/types';
import type { QueuedPod } from '../framework';

export interface QueuedPodInfo extends QueuedPod {
  pod: Pod;
  /** When it last entered the queue (ms); the backoff counts from here. */
  timestamp: number;
  /** Scheduling attempts so far. */
  attempts: number;
  initialAttemptTimestamp?: number;
  /** The plugins that rejected it in its last attempt; empty: an error or no plugin to blame. */
  unschedulablePlugins: Set<string>;
  /** A pre-enqueue plugin (SchedulingGates) keeps it out of the active queue. */
  gated: boolean;
}

export const podKey = (pod: Pod): string => `${pod.metadata.namespace}/${pod.metadata.name}`;

export const newQueuedPodInfo = (pod: Pod, now: number): QueuedPodInfo => ({
  pod,
  timestamp: now,
  attempts: 0,
  unschedulablePlugins: new Set(),
  gated: false,
});
