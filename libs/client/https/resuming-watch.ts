// A watch that outlives its connections, as client-go's RetryWatcher: when a connection breaks or
// the server ends it (timeoutSeconds, a restart), it is opened again from the last resourceVersion
// seen, bookmarks included, after a small backoff, so no event is missed or repeated. A 410 (the
// version is gone from history) ends it with 'expired': the caller lists again.
import { IncomingMessage } from 'node:http';
import { KubeObject, Status, StatusError } from '@kubenest/apimachinery';
import { Backoff, backoffDelay } from '@kubenest/apimachinery/wait';
import { Watch, WatchEnd, WatchEvent, WatchOptions } from '../resource-client';
import { HttpStream } from './https-transport';
import { WatchLines } from './watch-lines';

export interface ResumingWatchSettings {
  maxLineBytes: number;
  retry: Backoff;
  /** A connection that the server accepted and that lasted this long (or delivered events) resets the backoff. */
  healthyAfterMs: number;
}

/** How one connection ended. */
type ConnectionEnd =
  { kind: 'broken'; accepted: boolean } | { kind: 'expired' | 'failed'; status?: Status } | { kind: 'stopped' };

const EVENT_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

// As client-go's RetryWatcher: only these answers to the watch request itself are worth retrying.
const retryable = (code: number) => code >= 500 || code === 429 || code === 408;

/** A version a watch can resume from: unset and "0" mean "the current state first", not a point in history. */
const resumePoint = (resourceVersion?: string) =>
  resourceVersion && resourceVersion !== '0' ? resourceVersion : undefined;

const decodeError = (message: string): Status =>
  StatusError.internal(`unable to decode an event from the watch stream: ${message}`).toStatus();

export function startResumingWatch<T extends KubeObject>(
  connect: (options: WatchOptions) => HttpStream,
  options: WatchOptions,
  onEvent: (event: WatchEvent<T>) => void,
  settings: ResumingWatchSettings,
): Watch {
  let stopped = false;
  let current: HttpStream | undefined;
  let wake: () => void = () => undefined;
  // Without a starting version, the first events are the current objects in no order of version:
  // the watch can resume only once a later event or a bookmark gives it a point in history.
  let resumeFrom = resumePoint(options.resourceVersion);
  let delivered = 0;

  const deliver = (event: WatchEvent<T>) => {
    delivered++;
    onEvent(event);
  };

  const tell = (event: WatchEvent<T>) => {
    try {
      deliver(event);
    } catch {
      // The caller learns why the watch ends; a handler that throws on it ends it no differently.
    }
  };

  const handle = (line: string): ConnectionEnd | undefined => {
    let event: WatchEvent<T>;
    try {
      event = JSON.parse(line) as typeof event;
    } catch (e) {
      return { kind: 'failed', status: decodeError((e as Error).message) };
    }
    if (
      typeof event !== 'object' ||
      event === null ||
      !EVENT_TYPES.has(event.type) ||
      typeof event.object !== 'object'
    ) {
      return { kind: 'failed', status: decodeError('not a watch event') };
    }
    if (event.type === 'ERROR') {
      const status = event.object as Status;
      // Any other error ends this connection only: resuming from the last version is exact.
      return status.code === 410 ? { kind: 'expired', status } : { kind: 'broken', accepted: true };
    }
    const version = (event.object as Partial<KubeObject>).metadata?.resourceVersion;
    if (version && (resumeFrom !== undefined || event.type === 'BOOKMARK')) resumeFrom = version;
    try {
      deliver(event);
    } catch {
      // The handler's own failure: the events after it would find it in an unknown state.
      return { kind: 'failed' };
    }
    return undefined;
  };

  const read = async (res: IncomingMessage): Promise<ConnectionEnd> => {
    const lines = new WatchLines(settings.maxLineBytes);
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        const batch = lines.push(chunk);
        for (;;) {
          let next: IteratorResult<string>;
          try {
            next = batch.next();
          } catch (e) {
            return { kind: 'failed', status: decodeError((e as Error).message) };
          }
          if (next.done) break;
          if (stopped) return { kind: 'stopped' };
          const end = handle(next.value);
          if (end) return end;
        }
      }
    } catch {
      // The connection broke mid-stream (reset, idle timeout, abort).
    }
    return stopped ? { kind: 'stopped' } : { kind: 'broken', accepted: true };
  };

  const connectOnce = async (): Promise<ConnectionEnd> => {
    const from =
      resumeFrom === undefined ? options : { ...options, resourceVersion: resumeFrom, sendInitialEvents: undefined };
    const stream = (current = connect(from));
    let res: IncomingMessage;
    try {
      res = await stream.response;
    } catch (e) {
      if (stopped) return { kind: 'stopped' };
      if (!StatusError.is(e) || retryable(e.code)) return { kind: 'broken', accepted: false };
      return { kind: e.code === 410 ? 'expired' : 'failed', status: e.toStatus() };
    }
    try {
      return await read(res);
    } finally {
      stream.abort();
    }
  };

  const run = async (): Promise<WatchEnd> => {
    for (let failures = 0; ;) {
      if (stopped) return 'stopped';
      const started = Date.now();
      const deliveredBefore = delivered;
      const end = await connectOnce();
      if (stopped || end.kind === 'stopped') return 'stopped';
      if (end.kind !== 'broken') {
        if (end.status) tell({ type: 'ERROR', object: end.status });
        return end.kind;
      }
      if (resumeFrom === undefined && delivered > 0) return 'closed';
      const progressed = delivered > deliveredBefore || Date.now() - started >= settings.healthyAfterMs;
      failures = end.accepted && progressed ? 0 : failures + 1;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoffDelay(failures, settings.retry));
        wake = () => (clearTimeout(timer), resolve());
      });
    }
  };

  const done = run().catch((): WatchEnd => 'failed');
  return {
    done,
    stop: () => {
      stopped = true;
      current?.abort();
      wake();
    },
  };
}
