// Records core/v1 Events about an object, as client-go's tools/record: a repeat of the same
// event (same object, type, reason and message from the same source) is not a new Event but
// the first one's count and lastTimestamp moved on, as the EventCorrelator's EventLogger does.
// Writes happen in the background, one at a time; a failure is logged, never thrown at the loop.
import { Logger } from '@nestjs/common';
import type { IEvent } from 'kubernetes-models/v1/Event';
import { KubeObject, metaTime, StatusError } from '@kubenest/apimachinery';
import { mergePatchType } from '@kubenest/apimachinery/patch';
import { resources, ResourceClient } from '@kubenest/client';

type CoreEvent = Omit<IEvent, 'metadata' | 'apiVersion' | 'kind'> & KubeObject;

export type EventType = 'Normal' | 'Warning';

/** The object an Event is about; its kind and apiVersion must be set. */
export interface InvolvedObject {
  apiVersion?: string;
  kind?: string;
  metadata: { namespace?: string; name?: string; uid?: string; resourceVersion?: string };
  /** The part of the object the event is about, as kubelet's spec.containers{name}. */
  fieldPath?: string;
}

export interface EventRecorder {
  event(obj: InvolvedObject, type: EventType, reason: string, message: string): void;
}

export interface EventRecorderOptions {
  client: ResourceClient;
  /** The source component, e.g. 'replicaset-controller'. */
  component: string;
  host?: string;
  now?: () => number;
  logger?: Logger;
  /**
   * When a repeat's Event is gone (expired or deleted), write it again under its name with its
   * count and firstTimestamp carried on, as client-go's recordToSink does (the kubelet's events);
   * unset, a new Event starts over at count 1.
   */
  keepCountWhenGone?: boolean;
}

/** client-go's maxLruCacheEntries. */
const MAX_REMEMBERED = 4096;
/** Events waiting to be written beyond this are dropped, as client-go's broadcaster queue of 1000. */
const MAX_PENDING = 1000;

interface Remembered {
  namespace: string;
  name: string;
  count: number;
  first: string;
}

export class ClientEventRecorder implements EventRecorder {
  /** Events written, by aggregation key, least recently used first. */
  private readonly seen = new Map<string, Remembered>();
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  /** Kube names an Event `<object>.<unix nanoseconds in hex>`; one more than the last keeps names unique within a millisecond. */
  private lastNanos = 0n;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(private readonly options: EventRecorderOptions) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? new Logger(`EventRecorder ${options.component}`);
  }

  /** Queues the event; never throws, never waits. */
  event(obj: InvolvedObject, type: EventType, reason: string, message: string): void {
    if (this.pending >= MAX_PENDING) return;
    this.pending++;
    const at = this.now();
    this.queue = this.queue.then(() =>
      this.write(obj, type, reason, message, at)
        .catch((error: unknown) =>
          this.logger.warn(
            `could not record event ${reason} on ${obj.kind} ${obj.metadata.name}: ${(error as Error).message}`,
          ),
        )
        .finally(() => this.pending--),
    );
  }

  /** Resolves once every event recorded so far has been written (or failed). */
  flush(): Promise<void> {
    return this.queue;
  }

  private nanos(ms: number): bigint {
    const candidate = BigInt(ms) * 1_000_000n;
    this.lastNanos = candidate > this.lastNanos ? candidate : this.lastNanos + 1n;
    return this.lastNanos;
  }

  private async write(
    obj: InvolvedObject,
    type: EventType,
    reason: string,
    message: string,
    at: number,
  ): Promise<void> {
    const { component, host } = this.options;
    const m = obj.metadata;
    const key = JSON.stringify([
      component,
      host,
      obj.apiVersion,
      obj.kind,
      m.namespace,
      m.name,
      m.uid,
      obj.fieldPath ?? '',
      type,
      reason,
      message,
    ]);
    const events = this.options.client.resource<CoreEvent>(resources.events);
    const last = metaTime(at);
    const known = this.seen.get(key);
    if (known) {
      // A failed patch leaves the occurrence remembered: the next repeat patches the same Event.
      const count = known.count + 1;
      try {
        await events.patch(known.namespace, known.name, mergePatchType, { count, lastTimestamp: last, message });
        this.remember(key, { ...known, count });
        return;
      } catch (error) {
        // The Event expired (kube keeps them an hour) or was deleted.
        if (!StatusError.is(error) || error.code !== 404) throw error;
        if (this.options.keepCountWhenGone)
          return this.create(key, obj, type, reason, message, { ...known, count }, last);
      }
    }
    // As kube: cluster-scoped objects' events go to the default namespace.
    const namespace = m.namespace || 'default';
    const name = `${m.name}.${this.nanos(at).toString(16)}`;
    await this.create(key, obj, type, reason, message, { namespace, name, count: 1, first: last }, last);
  }

  private async create(
    key: string,
    obj: InvolvedObject,
    type: EventType,
    reason: string,
    message: string,
    occurrence: Remembered,
    last: string,
  ): Promise<void> {
    const { component, host } = this.options;
    const m = obj.metadata;
    await this.options.client.resource<CoreEvent>(resources.events).create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { namespace: occurrence.namespace, name: occurrence.name },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: m.namespace,
        name: m.name,
        uid: m.uid,
        resourceVersion: m.resourceVersion,
        fieldPath: obj.fieldPath,
      },
      reason,
      message,
      type,
      source: { component, host },
      reportingComponent: component,
      reportingInstance: host ?? '',
      firstTimestamp: occurrence.first,
      lastTimestamp: last,
      count: occurrence.count,
    });
    this.remember(key, occurrence);
  }

  private remember(key: string, value: Remembered): void {
    this.seen.delete(key);
    this.seen.set(key, value);
    if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value as string);
  }
}
