// The pods waiting for a node, as kube-scheduler's PriorityQueue: the active queue (tried next,
// by priority then age), the backoff queue (failed recently: 1 s doubling to 10 s per attempt) and
// the unschedulable pool (moved out only by a cluster event one of its rejecting plugins
// registered, or after 5 minutes). Pods held by a pre-enqueue plugin (scheduling gates) wait in
// the pool until an update lets them through. Events that happen while a pod is being scheduled
// are remembered, so a pod that fails after an event that could help it is not parked.
import type { Pod } from '@kubenest/api/core/types';
import type { KubeObject } from '@kubenest/apimachinery';
import type { ClusterEvent } from '../framework/cluster-event';
import type { QueuedPod } from '../framework/plugin';
import { newPodInfo } from '../framework/pod-info';
import type { Status } from '../framework/status';
import { prioritySortLess } from '../plugins/core/priority-sort';
import { isWorthRequeuing, PluginEvents } from './event-match';
import { KeyedHeap } from './keyed-heap';
import { PodNominator } from './nominator';
import { newQueuedPodInfo, podKey, QueuedPodInfo } from './queued-pod-info';

/** kube-scheduler's defaults. */
export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
export const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
const FLUSH_BACKOFF_EVERY_MS = 1_000;
const FLUSH_UNSCHEDULABLE_EVERY_MS = 30_000;

export interface SchedulingQueueOptions {
  /** The queue-sort plugin's order; PrioritySort's when unset. */
  less?: (a: QueuedPod, b: QueuedPod) => boolean;
  /** The pre-enqueue plugins of the pod's profile; a Pending status keeps the pod gated. */
  preEnqueue?: (pod: Pod) => Status;
  /** The events each plugin of the pod's profile registered. */
  pluginEvents?: (pod: Pod) => PluginEvents;
  now?: () => number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  maxInUnschedulableMs?: number;
}

interface RecordedEvent {
  event: ClusterEvent;
  oldObj?: KubeObject;
  newObj?: KubeObject;
}

const NO_EVENTS: PluginEvents = new Map();

export class SchedulingQueue {
  readonly nominator = new PodNominator();
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  /** Pods popped and not yet back or done, by key, with where their events start in `events`. */
  private readonly inFlight = new Map<string, number>();
  private events: RecordedEvent[] = [];
  /** The index in `events` of events[0] since the list was first started. */
  private eventsBase = 0;
  private cycle = 0;
  private closed = false;
  private waiters: ((info: QueuedPodInfo | undefined) => void)[] = [];
  private timers: NodeJS.Timeout[] = [];
  private readonly now: () => number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxInUnschedulableMs: number;

  constructor(private readonly options: SchedulingQueueOptions = {}) {
    this.now = options.now ?? Date.now;
    this.initialBackoffMs = options.initialBackoffMs ?? INITIAL_BACKOFF_MS;
    this.maxBackoffMs = options.maxBackoffMs ?? MAX_BACKOFF_MS;
    this.maxInUnschedulableMs = options.maxInUnschedulableMs ?? MAX_IN_UNSCHEDULABLE_MS;
    const keyOf = (info: QueuedPodInfo) => podKey(info.pod);
    this.activeQ = new KeyedHeap(keyOf, options.less ?? prioritySortLess);
    this.backoffQ = new KeyedHeap(keyOf, (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b));
  }

  /** The number of pods popped so far: a failing pod tells which cycle it failed in. */
  get schedulingCycle(): number {
    return this.cycle;
  }

  /** Starts the periodic flushes (backoff done → active; 5 minutes unschedulable → active or backoff). */
  run(): void {
    const every = (ms: number, fn: () => void) => {
      const timer = setInterval(fn, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(FLUSH_BACKOFF_EVERY_MS, () => this.flushBackoffQCompleted());
    every(FLUSH_UNSCHEDULABLE_EVERY_MS, () => this.flushUnschedulablePodsLeftover());
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    for (const wake of this.waiters.splice(0)) wake(undefined);
  }

  /**
   * The pod's nomination as its status.nominatedNodeName says; its parsed info only when it has
   * one (the nominator drops any other nomination it held either way), as most pods have none.
   */
  private nominateAsItSays(pod: Pod): void {
    if (pod.status?.nominatedNodeName) this.nominator.add(newPodInfo(pod));
    else this.nominator.delete(pod);
  }

  /** A new pending pod. */
  add(pod: Pod): void {
    const info = newQueuedPodInfo(pod, this.now());
    this.nominateAsItSays(pod);
    this.toActiveOrGated(info);
  }

  update(oldPod: Pod, newPod: Pod): void {
    const key = podKey(newPod);
    const queued = this.activeQ.get(key) ?? this.backoffQ.get(key);
    if (queued) {
      this.nominator.update(oldPod, newPodInfo(newPod));
      queued.pod = newPod;
      if (this.activeQ.has(key)) this.activeQ.addOrUpdate(queued);
      else this.backoffQ.addOrUpdate(queued);
      return;
    }
    const parked = this.unschedulable.get(key);
    if (!parked) {
      if (!this.inFlight.has(key)) this.add(newPod);
      return;
    }
    this.nominator.update(oldPod, newPodInfo(newPod));
    parked.pod = newPod;
    if (parked.gated) {
      this.unschedulable.delete(key);
      this.toActiveOrGated(parked);
    } else if (specChanged(oldPod, newPod)) {
      // As kube before queueing hints for a pod's own updates: what it asks may now fit.
      this.unschedulable.delete(key);
      this.requeue(parked);
    }
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    this.nominator.delete(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
  }

  /** The next pod by the queue's order; waits for one; undefined once closed. */
  pop(): Promise<QueuedPodInfo | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const info = this.activeQ.pop();
    if (info) return Promise.resolve(this.started(info));
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * A pod that failed its cycle: to the backoff queue when the failure was an error or an event
   * that may help it came meanwhile, else to the unschedulable pool.
   */
  addUnschedulableIfNotPresent(info: QueuedPodInfo): void {
    const key = podKey(info.pod);
    const helped = this.eventsSince(key).some((e) =>
      isWorthRequeuing(info.pod, info.unschedulablePlugins, this.eventsOf(info.pod), e.event, e.oldObj, e.newObj),
    );
    this.done(key);
    if (this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key)) return;
    info.timestamp = this.now();
    this.nominateAsItSays(info.pod);
    if (info.unschedulablePlugins.size === 0 || helped) this.backoffQ.addOrUpdate(info);
    else this.unschedulable.set(key, info);
  }

  /** The pod's cycle is over (it was bound, or it is gone): its events are no longer needed. */
  done(key: string): void {
    if (!this.inFlight.delete(key)) return;
    if (this.inFlight.size === 0) {
      this.eventsBase += this.events.length;
      this.events = [];
      return;
    }
    const oldest = Math.min(...this.inFlight.values());
    if (oldest > this.eventsBase) {
      this.events = this.events.slice(oldest - this.eventsBase);
      this.eventsBase = oldest;
    }
  }

  /** Moves the parked pods this event may help to the active or backoff queue. */
  moveOnEvent(event: ClusterEvent, oldObj?: KubeObject, newObj?: KubeObject): void {
    if (this.inFlight.size) this.events.push({ event, oldObj, newObj });
    for (const [key, info] of this.unschedulable) {
      if (info.gated) continue;
      if (!isWorthRequeuing(info.pod, info.unschedulablePlugins, this.eventsOf(info.pod), event, oldObj, newObj))
        continue;
      this.unschedulable.delete(key);
      this.requeue(info);
    }
  }

  flushBackoffQCompleted(): void {
    const now = this.now();
    for (let next = this.backoffQ.peek(); next && this.backoffExpiry(next) <= now; next = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.toActive(next);
    }
  }

  /** Pods parked longer than 5 minutes are tried again whatever happened, as kube. */
  flushUnschedulablePodsLeftover(): void {
    const now = this.now();
    for (const [key, info] of this.unschedulable) {
      if (info.gated || now - info.timestamp < this.maxInUnschedulableMs) continue;
      this.unschedulable.delete(key);
      this.requeue(info);
    }
  }

  /** The pods in each part of the queue, by key (for tests and debugging). */
  pendingPods(): { active: string[]; backoff: string[]; unschedulable: string[] } {
    const keys = (infos: QueuedPodInfo[]) => infos.map((i) => podKey(i.pod));
    return {
      active: keys(this.activeQ.list()),
      backoff: keys(this.backoffQ.list()),
      unschedulable: [...this.unschedulable.keys()],
    };
  }

  /** kube's calculateBackoffDuration: the initial backoff doubled per attempt after the first, capped. */
  backoffDuration(info: QueuedPodInfo): number {
    let duration = this.initialBackoffMs;
    for (let i = 1; i < info.attempts; i++) {
      if (duration > this.maxBackoffMs - duration) return this.maxBackoffMs;
      duration += duration;
    }
    return Math.min(duration, this.maxBackoffMs);
  }

  private backoffExpiry(info: QueuedPodInfo): number {
    return info.timestamp + this.backoffDuration(info);
  }

  private started(info: QueuedPodInfo): QueuedPodInfo {
    this.cycle++;
    info.attempts++;
    info.initialAttemptTimestamp ??= this.now();
    this.inFlight.set(podKey(info.pod), this.eventsBase + this.events.length);
    return info;
  }

  private eventsSince(key: string): RecordedEvent[] {
    const start = this.inFlight.get(key);
    return start === undefined ? [] : this.events.slice(start - this.eventsBase);
  }

  private eventsOf(pod: Pod): PluginEvents {
    return this.options.pluginEvents?.(pod) ?? NO_EVENTS;
  }

  /** Out of the pool: to backoff while its backoff runs, else active. */
  private requeue(info: QueuedPodInfo): void {
    if (this.backoffExpiry(info) > this.now()) this.backoffQ.addOrUpdate(info);
    else this.toActive(info);
  }

  private toActiveOrGated(info: QueuedPodInfo): void {
    const status = this.options.preEnqueue?.(info.pod);
    info.gated = status !== undefined && status.code !== 'Success';
    if (info.gated) this.unschedulable.set(podKey(info.pod), info);
    else this.toActive(info);
  }

  private toActive(info: QueuedPodInfo): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter(this.started(info));
      return;
    }
    this.activeQ.addOrUpdate(info);
  }
}

/** Whether an update touched what scheduling reads (not status, resourceVersion or managedFields). */
const specChanged = (oldPod: Pod, newPod: Pod): boolean =>
  JSON.stringify([oldPod.spec, oldPod.metadata.labels, oldPod.metadata.annotations]) !==
  JSON.stringify([newPod.spec, newPod.metadata.labels, newPod.metadata.annotations]);
