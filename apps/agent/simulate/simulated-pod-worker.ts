// Moves the fleet's pods along as their nodes would: a bound pod becomes Running, a pod marked for
// deletion is confirmed gone. One queue for the whole fleet, at most `concurrency` writes in
// flight, each made as the pod's own node; a pod is never worked on twice at once, and only its
// newest version is acted on. Failed writes are retried with backoff.
import { Logger } from '@nestjs/common';
import { isStatus } from '../util/status-code';
import { Backoff, backoffDelay } from '@kubenest/apimachinery/wait';
import type { PodApi } from './pod-api';
import { Pod, podAction, runningPodStatus, simulatedPodAddress } from './simulated-pod-status';

export interface FleetNode {
  hostIP: string;
  pods: PodApi;
}

export interface PodWorkerOptions {
  concurrency: number;
  retry: Backoff;
  now?: () => Date;
}

const logger = new Logger('SimulatedPods');

const keyOf = (pod: Pod) => `${pod.metadata.namespace}/${pod.metadata.name}`;

// Answers after which retrying the same write cannot help; a newer watch event decides what next.
const final = (e: unknown) => isStatus(e, 404) || isStatus(e, 409) || isStatus(e, 422);

export class SimulatedPodWorker {
  private readonly latest = new Map<string, Pod>();
  private readonly queue: string[] = [];
  private readonly busy = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly addresses = new Map<string, string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextAddress = 0;
  private stopped = false;

  constructor(
    private readonly nodes: ReadonlyMap<string, FleetNode>,
    private readonly options: PodWorkerOptions,
  ) {}

  /** A pod as listed or watched; pods bound to other nodes are ignored. */
  onPod(pod: Pod, deleted: boolean): void {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || !this.nodes.has(nodeName)) return;
    const key = keyOf(pod);
    if (deleted || podAction(pod) === 'none') {
      this.latest.delete(key);
      if (deleted) this.forget(key, pod);
      return;
    }
    this.enqueue(key, pod);
  }

  /** Stops taking work and waits for the writes in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.all(this.inFlight);
  }

  private enqueue(key: string, pod: Pod): void {
    const waiting = this.latest.has(key);
    this.latest.set(key, pod);
    if (!waiting && !this.busy.has(key)) this.queue.push(key);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.inFlight.size < this.options.concurrency && this.queue.length > 0) {
      const key = this.queue.shift()!;
      const pod = this.latest.get(key);
      if (!pod) continue;
      this.latest.delete(key);
      this.busy.add(key);
      const work = this.act(key, pod).finally(() => {
        this.inFlight.delete(work);
        this.busy.delete(key);
        if (this.latest.has(key)) this.queue.push(key);
        this.pump();
      });
      this.inFlight.add(work);
    }
  }

  private async act(key: string, pod: Pod): Promise<void> {
    const node = this.nodes.get(pod.spec!.nodeName!)!;
    const action = podAction(pod);
    try {
      if (action === 'run') {
        const status = runningPodStatus(pod, {
          hostIP: node.hostIP,
          podIP: this.addressFor(pod),
          now: this.options.now?.() ?? new Date(),
        });
        await node.pods.patchPodStatus(pod, status);
      } else if (action === 'confirm-deletion') {
        await node.pods.confirmDeletion(pod);
        this.forget(key, pod);
      }
      this.failures.delete(key);
    } catch (e) {
      if (final(e)) {
        this.failures.delete(key);
        return;
      }
      const attempt = this.failures.get(key) ?? 0;
      this.failures.set(key, attempt + 1);
      const delay = backoffDelay(attempt, this.options.retry);
      logger.warn(`${action} ${key} on ${pod.spec!.nodeName} failed (${(e as Error).message}); again in ${delay} ms`);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        // A newer version that arrived meanwhile wins over the one that failed.
        if (!this.latest.has(key)) this.enqueue(key, pod);
      }, delay);
      this.timers.add(timer);
    }
  }

  /** The pod's address stays the same across repeated writes, even before the watch shows it. */
  private addressFor(pod: Pod): string {
    const uid = pod.metadata.uid ?? keyOf(pod);
    let ip = pod.status?.podIP || this.addresses.get(uid);
    if (!ip) ip = simulatedPodAddress(this.nextAddress++);
    this.addresses.set(uid, ip);
    return ip;
  }

  private forget(key: string, pod: Pod): void {
    this.failures.delete(key);
    this.addresses.delete(pod.metadata.uid ?? key);
  }
}
