// Kubelet's probe result bookkeeping: a probe's reported result changes only after
// successThreshold consecutive successes or failureThreshold consecutive failures.
import type { ProbeKind, ProbeTiming } from './probe-timing';

export type ProbeOutcome = 'success' | 'failure';

export interface ProbeTally {
  /** What the probe reports; unknown for a startup probe that has not decided yet. */
  result: ProbeOutcome | 'unknown';
  /** The latest outcome and how many times in a row it came. */
  last?: ProbeOutcome;
  run: number;
}

/** As kubelet: a container is live until proven otherwise, not ready until proven ready. */
export const initialTally = (kind: ProbeKind): ProbeTally => ({
  result: kind === 'liveness' ? 'success' : kind === 'readiness' ? 'failure' : 'unknown',
  run: 0,
});

export function tallyOutcome(
  tally: ProbeTally,
  outcome: ProbeOutcome,
  timing: Pick<ProbeTiming, 'successThreshold' | 'failureThreshold'>,
): ProbeTally {
  const run = tally.last === outcome ? tally.run + 1 : 1;
  const threshold = outcome === 'success' ? timing.successThreshold : timing.failureThreshold;
  return { result: run >= threshold ? outcome : tally.result, last: outcome, run };
}
