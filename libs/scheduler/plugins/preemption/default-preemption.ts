// DefaultPreemption, the post-filter that runs when a pod fits nowhere, as kube-scheduler's
// defaultpreemption plugin and preemption Evaluator.Preempt: check the pod may preempt, dry-run
// evictions of lower-priority pods on the nodes that could be talked round, pick the node that
// costs least, evict there and nominate the pod to it. The pod itself is scheduled in a later
// cycle, once its victims are gone.
import { Logger } from '@nestjs/common';
import type { Pod } from '@kubenest/api/core/types';
import { CycleState } from '../../framework/cycle-state';
import type {
  FrameworkHandle,
  NodeToStatus,
  PluginFactory,
  PostFilterPlugin,
  PostFilterResult,
} from '../../framework/plugin';
import { errorStatus, type Status, unschedulable } from '../../framework/status';
import { defaultPreemptionArgs, DefaultPreemptionArgs } from './default-preemption-args';
import { ineligibleToPreempt } from './eligibility';
import { findCandidates } from './find-candidates';
import { pickOneNodeForPreemption } from './pick-node';
import { prepareCandidate, PrepareOptions } from './prepare-candidate';
import { noCandidateMessage } from './preemption-message';

export const DEFAULT_PREEMPTION = 'DefaultPreemption';

export interface DefaultPreemptionOptions {
  /** An integer in [0, n); tests fix it to make the search's starting node known. */
  random?: (n: number) => number;
  now?: () => number;
  logger?: PrepareOptions['logger'];
}

const randomInt = (n: number): number => Math.floor(Math.random() * n);

/** As kube's errors.NewAggregate prints: one error as it is, several in brackets. */
const aggregate = (errors: Error[]): string =>
  errors.length === 1 ? errors[0].message : `[${errors.map((e) => e.message).join(', ')}]`;

/** kube prefixes whatever preemption says with "preemption: " (a success says nothing). */
const prefixed = (status: Status): Status => {
  if (!status.reasons.length) return status;
  const message = `preemption: ${status.reasons.join(', ')}`;
  return status.code === 'Error' ? errorStatus(message) : { code: status.code, reasons: [message] };
};

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = DEFAULT_PREEMPTION;
  private readonly random: (n: number) => number;
  private readonly now: () => number;
  private readonly logger: PrepareOptions['logger'];

  constructor(
    private readonly args: DefaultPreemptionArgs,
    private readonly handle: FrameworkHandle,
    options: DefaultPreemptionOptions = {},
  ) {
    this.random = options.random ?? randomInt;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? new Logger(DEFAULT_PREEMPTION);
  }

  /**
   * Success with nominatedNodeName: victims are being evicted there. Unschedulable with
   * nominatedNodeName '': no node helps, so a nomination the pod holds is cleared. Without
   * nominatedNodeName (not eligible, or an error): the nomination stays as it is.
   */
  async postFilter(state: CycleState, pod: Pod, filtered: NodeToStatus): Promise<PostFilterResult> {
    const result = await this.preempt(state, pod, filtered);
    return { ...result, status: prefixed(result.status) };
  }

  private async preempt(state: CycleState, pod: Pod, filtered: NodeToStatus): Promise<PostFilterResult> {
    const snapshot = this.handle.snapshot();
    const ineligible = ineligibleToPreempt(pod, snapshot, filtered);
    if (ineligible) return { status: unschedulable(ineligible) };

    const allNodes = snapshot.nodeInfos;
    if (!allNodes.length) return { status: errorStatus('no nodes available') };
    const now = this.now();
    const search = findCandidates(this.handle, state, pod, allNodes, filtered, {
      args: this.args,
      random: this.random,
      now,
    });
    if (!search.candidates.length) {
      if (search.errors.length) return { status: errorStatus(aggregate(search.errors)) };
      return {
        status: unschedulable(noCandidateMessage(allNodes.length, search.nodeStatuses)),
        nominatedNodeName: '',
      };
    }

    const best = pickOneNodeForPreemption(search.candidates, now)!;
    const prepared = await prepareCandidate(this.handle, best, pod, { now, logger: this.logger });
    if (prepared.code !== 'Success') return { status: prepared };
    return { status: prepared, nominatedNodeName: best.nodeName };
  }
}

export const defaultPreemptionFactory: PluginFactory = (args, handle) =>
  new DefaultPreemption(defaultPreemptionArgs(args), handle);
