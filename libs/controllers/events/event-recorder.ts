// Records core/v1 Events about an object, as client-go's tools/record: a repeat of the same
// event (same object, type, reason and message from the same source) is not a new Event but
// the first one's count and lastTimestamp moved on, as the EventCorrelator's EventLogger does.
// Writes happen in the background, one at a time; a failure is logged, never thrown at the loop.
import { Logger } from '@nestjs/common';
import type { IEvent } from 'kubernetes-models/v1/Event';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { mergePatchType } from '@kubenest/apimachinery/patch';
import { resources, ResourceClient } from '@kubenest/client';

type CoreEvent = Omit<IEvent, 'metadata' | 'apiVersion' | 'kind'> & KubeObject;

export type EventType = 'Normal' | 'Warning';

/** The object an Event is about; its kind and apiVersion must be set. */
export interface InvolvedObject {
  apiVersion?: string;
  kind?: string;
  metadata: { namespace?: string; name?: string; uid?: string; resourceVersion?: string };
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
}

/** client-go's maxLruCacheEntries. */
const MAX_REMEMBERED = 4096;

const eventTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

interface Remembered {
  namespace: string;
  name: string;
  count: number;
}

export class ClientEventRecorder implements EventRecorder {
  /** Events written, by aggregation key, least recently used first. */
  private readonly seen = new Map<string, Remembered>();
  private queue: Promise<void> = Promise.resolve();
  /** Keeps names unique within a millisecond: kube names an Event `<object>.<unix nanoseconds in hex>`. */
  private written = 0;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(private readonly options: EventRecorderOptions) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? new Logger(`EventRecorder ${options.component}`);
  }

  event(obj: InvolvedObject, type: EventType, reason: string, message: string): void {
    const at = this.now();
    this.queue = this.queue.then(() =>
      this.write(obj, type, reason, message, at).catch((error: unknown) =>
        this.logger.warn(
          `could not record event ${reason} on ${obj.kind} ${obj.metadata.name}: ${(error as Error).message}`,
        ),
      ),
    );
  }

  /** Resolves once every event recorded so far has been written (or failed). */
  flush(): Promise<void> {
    return this.queue;
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
      type,
      reason,
      message,
    ]);
    const events = this.options.client.resource<CoreEvent>(resources.events);
    const known = this.seen.get(key);
    if (known) {
      this.seen.delete(key);
      try {
        await events.patch(known.namespace, known.name, mergePatchType, {
          count: known.count + 1,
          lastTimestamp: eventTime(at),
        });
        this.remember(key, { ...known, count: known.count + 1 });
        return;
      } catch (error) {
        // The Event expired (kube keeps them an hour) or was deleted: start a new one.
        if (!StatusError.is(error) || error.code !== 404) throw error;
      }
    }
    // As kube: cluster-scoped objects' events go to the default namespace.
    const namespace = m.namespace || 'default';
    const name = `${m.name}.${(BigInt(at) * 1_000_000n + BigInt(this.written++ % 1_000_000)).toString(16)}`;
    await events.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { namespace, name },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: m.namespace,
        name: m.name,
        uid: m.uid,
        resourceVersion: m.resourceVersion,
      },
      reason,
      message,
      type,
      source: { component, host },
      reportingComponent: component,
      reportingInstance: host ?? '',
      firstTimestamp: eventTime(at),
      lastTimestamp: eventTime(at),
      count: 1,
    });
    this.remember(key, { namespace, name, count: 1 });
  }

  private remember(key: string, value: Remembered): void {
    this.seen.set(key, value);
    if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value as string);
  }
}
