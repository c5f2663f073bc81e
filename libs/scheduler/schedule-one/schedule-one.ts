// One pod through the scheduler, as kube-scheduler's ScheduleOne: pop it, skip it if it is being
// deleted or already assumed, decide on the cycle's snapshot, then either assume and reserve it and
// bind it in the background (the binding cycle), or run post-filter (preemption) and record why it
// fits nowhere: a FailedScheduling event, PodScheduled=False, and the pod back in the queue.
import { Logger } from '@nestjs/common';
import type { Pod } from '@kubenest/api/core/types';
import type { ResourceClient } from '@kubenest/client';
import type { EventRecorder, Lister } from '@kubenest/controllers';
import { CycleState } from '../framework/cycle-state';
import { newPodInfo } from '../framework/pod-info';
import type { Status } from '../framework/status';
import type { NodeSnapshot, SchedulerCache } from '../cache';
import { podKey, type QueuedPodInfo } from '../queue/queued-pod-info';
import { SchedulingQueue } from '../queue/scheduling-queue';
import { NodeFinder } from '../runtime/find-nodes';
import { FitError } from '../runtime/fit-error';
import { Framework } from '../runtime/framework';
import { NoNodesAvailableError, schedulePod, type ScheduleResult } from '../runtime/schedule-pod';
import { FailureReason, Nomination, truncateMessage, updatePodScheduledCondition } from './pod-scheduled-condition';

export interface ScheduleOneDeps {
  queue: SchedulingQueue;
  cache: SchedulerCache;
  snapshot: NodeSnapshot;
  /** The profile the pod asks for by spec.schedulerName; undefined: not ours. */
  frameworkFor: (pod: Pod) => Framework | undefined;
  /** The pods as the informer sees them now. */
  podLister: Lister<Pod>;
  client: ResourceClient;
  recorder: EventRecorder;
  random: () => number;
  now: () => number;
  logger?: Logger;
}

/** Bindings (and status writes) in flight beyond this make the next cycle wait for one to finish. */
const MAX_IN_FLIGHT = 512;

const asInvolved = (pod: Pod) => ({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata });

export class ScheduleOne {
  private readonly finder = new NodeFinder();
  private readonly inFlight = new Set<Promise<void>>();
  /** A failed cycle's status write, by pod UID, until it lands. */
  private readonly statusWrites = new Map<string, Promise<void>>();
  private readonly logger: Logger;

  constructor(private readonly deps: ScheduleOneDeps) {
    this.logger = deps.logger ?? new Logger('Scheduler');
  }

  /** Schedules the next pod; false once the queue is closed. */
  async scheduleOne(): Promise<boolean> {
    if (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.inFlight);
    const info = await this.deps.queue.pop();
    if (!info) return false;
    const pod = info.pod;
    // A PodScheduled=False patch landing after this attempt's binding would undo the binding's
    // PodScheduled=True, so the previous attempt's write goes first.
    await this.statusWrites.get(pod.metadata.uid!);
    const fwk = this.deps.frameworkFor(pod);
    if (!fwk || pod.metadata.deletionTimestamp || this.deps.cache.isAssumedPod(pod)) {
      this.deps.queue.done(podKey(pod));
      // As kube's skipPodSchedule, a pod being deleted is reported rather than silently dropped.
      if (fwk && pod.metadata.deletionTimestamp) {
        const { namespace, name } = pod.metadata;
        const message = `skip schedule deleting pod: ${namespace}/${name}`;
        this.deps.recorder.event(asInvolved(pod), 'Warning', 'FailedScheduling', message);
      }
      return true;
    }
    await this.schedulingCycle(fwk, info);
    return true;
  }

  /** Resolves once every binding and status write started so far has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private async schedulingCycle(fwk: Framework, info: QueuedPodInfo): Promise<void> {
    const { cache, snapshot, queue } = this.deps;
    const pod = info.pod;
    const state = new CycleState();
    cache.updateSnapshot(snapshot);
    let result: ScheduleResult;
    try {
      result = schedulePod(fwk, this.finder, state, pod, snapshot, this.deps.random);
    } catch (error) {
      if (error instanceof NoNodesAvailableError)
        return this.failed(info, 'Unschedulable', error.message, new Set(), '');
      if (!(error instanceof FitError))
        return this.failed(info, 'SchedulerError', (error as Error).message, new Set(), '');
      let nomination: Nomination;
      if (fwk.postFilterPlugins.length) {
        const post = await fwk.runPostFilterPlugins(state, pod, error.diagnosis.nodeToStatus);
        error.diagnosis.postFilterMsg = post.status.reasons.join(', ');
        if (post.status.code === 'Error')
          this.logger.warn(`post-filter failed for ${podKey(pod)}: ${error.diagnosis.postFilterMsg}`);
        nomination = post.nominatedNodeName;
      }
      return this.failed(info, 'Unschedulable', error.message, error.diagnosis.unschedulablePlugins, nomination);
    }
    const host = result.suggestedHost;
    let assumed: Pod;
    try {
      assumed = cache.assumePod(pod, host);
    } catch (error) {
      // Bound by someone else since it was popped: the failure path sees it assigned and lets it go.
      return this.failed(info, 'SchedulerError', (error as Error).message, new Set(), '');
    }
    queue.nominator.delete(pod);
    const reserved = fwk.runReservePluginsReserve(state, assumed, host);
    if (reserved.code !== 'Success') {
      fwk.runReservePluginsUnreserve(state, assumed, host);
      cache.forgetPod(assumed);
      return this.failed(info, 'SchedulerError', message(reserved), new Set(), '');
    }
    this.track(this.bindingCycle(fwk, state, info, assumed, host));
  }

  private async bindingCycle(
    fwk: Framework,
    state: CycleState,
    info: QueuedPodInfo,
    assumed: Pod,
    host: string,
  ): Promise<void> {
    const status = await fwk.runBindPlugins(state, assumed, host);
    const { cache, queue } = this.deps;
    if (status.code === 'Success') {
      cache.finishBinding(assumed);
      queue.done(podKey(assumed));
      const { namespace, name } = assumed.metadata;
      this.deps.recorder.event(
        asInvolved(assumed),
        'Normal',
        'Scheduled',
        `Successfully assigned ${namespace}/${name} to ${host}`,
      );
      return;
    }
    fwk.runReservePluginsUnreserve(state, assumed, host);
    // The watch may have confirmed the pod meanwhile (bound by someone else): then it stays.
    if (cache.isAssumedPod(assumed)) cache.forgetPod(assumed);
    // The room the assumed pod held is free again, as if an assigned pod had been deleted.
    queue.moveOnEvent({ resource: 'AssignedPod', action: 'Delete' }, assumed, undefined);
    this.failed(info, 'SchedulerError', message(status), new Set(), '');
  }

  /**
   * As kube's handleSchedulingFailure: the pod goes back to the queue unless it is gone, replaced or
   * bound meanwhile; only a requeued pod keeps its nomination (as kube's nominator checks the pod
   * is still unbound) and gets the condition written; the event is recorded for any pod still there.
   */
  private failed(
    info: QueuedPodInfo,
    reason: FailureReason,
    errorMessage: string,
    rejectors: Set<string>,
    nomination: Nomination,
  ): void {
    const { queue, podLister } = this.deps;
    const pod = info.pod;
    const cached = podLister.get(pod.metadata.namespace, pod.metadata.name!);
    const requeued = !!cached && cached.metadata.uid === pod.metadata.uid && !cached.spec?.nodeName;
    if (!requeued) {
      queue.done(podKey(pod));
    } else {
      info.pod = cached;
      info.unschedulablePlugins = rejectors;
      queue.addUnschedulableIfNotPresent(info);
      if (nomination) queue.nominator.add(newPodInfo(cached), nomination);
    }
    if (!cached) return;
    const uid = pod.metadata.uid!;
    const statusWritten = requeued
      ? updatePodScheduledCondition(this.deps.client, cached, reason, errorMessage, nomination, this.deps.now())
      : Promise.resolve();
    const write = statusWritten
      .catch((error: unknown) =>
        this.logger.warn(`could not update the status of pod ${podKey(pod)}: ${(error as Error).message}`),
      )
      .then(() =>
        this.deps.recorder.event(asInvolved(pod), 'Warning', 'FailedScheduling', truncateMessage(errorMessage)),
      )
      .finally(() => {
        if (this.statusWrites.get(uid) === write) this.statusWrites.delete(uid);
      });
    this.statusWrites.set(uid, write);
    this.track(write);
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => this.logger.error(`scheduling work failed: ${(error as Error).message}`))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}

const message = (status: Status): string => status.reasons.join(', ');
