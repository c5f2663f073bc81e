// Records a kubelet's events for this node, fire-and-forget: a new occurrence is POSTed, a repeat
// of one already sent (same object, type, reason and message) PATCHes its count and lastTimestamp,
// as client-go's event correlator does without its spam filter and message aggregation. A failure
// is logged and dropped: events never hold up or fail a pod.
import { Logger } from '@nestjs/common';
import { metaTime } from '@kubenest/apimachinery';
import { correlationKey, EventSubject, eventName, newEvent } from './event-object';
import type { EventSink } from './event-sink';
import type { KubeletEvent } from './kubelet-events';

export interface EventRecorderDeps {
  sink: EventSink;
  node: string;
  now?: () => number;
}

interface Sent {
  name: string;
  count: number;
  first: string;
}

/** Occurrences remembered for counting, as client-go's LRU cache of 4096. */
const CACHE_SIZE = 4096;
/** Events waiting to be sent beyond this are dropped, as client-go's broadcaster queue of 1000. */
const MAX_PENDING = 1000;

const logger = new Logger('Events');

const isNotFound = (e: unknown): boolean => (e as { code?: number })?.code === 404;

export class EventRecorder {
  private readonly sent = new Map<string, Sent>();
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private lastNanos = 0n;

  constructor(private readonly deps: EventRecorderDeps) {}

  /** Queues the event; never throws, never waits. */
  record(subject: EventSubject, event: KubeletEvent): void {
    if (this.pending >= MAX_PENDING) return;
    this.pending++;
    const at = this.now();
    this.chain = this.chain
      .then(() => this.send(subject, event, at))
      .catch((e: unknown) =>
        logger.warn(
          `event ${event.reason} for pod ${subject.pod.namespace}/${subject.pod.name} not recorded: ${(e as Error)?.message}`,
        ),
      )
      .finally(() => this.pending--);
  }

  /** Resolves when everything recorded so far has been sent or dropped. */
  flush(): Promise<void> {
    return this.chain;
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Nanoseconds for a new event's name, unique even for events within one millisecond. */
  private nanos(ms: number): bigint {
    const candidate = BigInt(ms) * 1_000_000n;
    this.lastNanos = candidate > this.lastNanos ? candidate : this.lastNanos + 1n;
    return this.lastNanos;
  }

  private async send(subject: EventSubject, event: KubeletEvent, at: number): Promise<void> {
    const key = correlationKey(subject, event);
    const last = metaTime(at);
    const before = this.sent.get(key);
    const { namespace } = subject.pod;
    if (before) {
      const count = before.count + 1;
      try {
        await this.deps.sink.patch(namespace, before.name, { count, lastTimestamp: last, message: event.message });
        this.remember(key, { ...before, count });
        return;
      } catch (e) {
        // Expired or deleted since: written again under its name, its count carried on.
        if (!isNotFound(e)) throw e;
        await this.create(key, subject, event, { name: before.name, count, first: before.first }, last);
        return;
      }
    }
    const name = eventName(subject.pod.name, this.nanos(at));
    await this.create(key, subject, event, { name, count: 1, first: last }, last);
  }

  private async create(key: string, subject: EventSubject, event: KubeletEvent, sent: Sent, last: string) {
    const body = newEvent(subject, event, { ...sent, node: this.deps.node, last });
    await this.deps.sink.create(subject.pod.namespace, body);
    this.remember(key, sent);
  }

  private remember(key: string, sent: Sent): void {
    this.sent.delete(key);
    this.sent.set(key, sent);
    if (this.sent.size > CACHE_SIZE) this.sent.delete(this.sent.keys().next().value!);
  }
}
