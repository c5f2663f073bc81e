// A watch held open the way an informer holds it: NDJSON over HTTPS with a bearer token, and
// when the stream ends or cannot be opened, a re-watch from the last resourceVersion seen.
import { ClientRequest } from 'node:http';
import { request } from 'node:https';

export interface WatchTarget {
  port: number;
  caPem: string;
  token: string;
}

export interface RecordedEvent {
  type: string;
  name: string;
  resourceVersion: string;
  /** Which connection (0-based) delivered it. */
  connection: number;
  object: { metadata?: { name?: string; resourceVersion?: string }; [key: string]: unknown };
}

export interface ConnectionAttempt {
  fromResourceVersion: string;
  status?: number;
  /** The body of a refused watch, or why the connection failed or ended. */
  detail: string;
  events: number;
}

export interface WatchRecorder {
  /** ADDED, MODIFIED and DELETED events, in arrival order (bookmarks only advance the position). */
  changes: () => RecordedEvent[];
  /** ERROR events' objects (Status), in arrival order. */
  errors: () => unknown[];
  attempts: () => ConnectionAttempt[];
  lastResourceVersion: () => string;
  /** A summary for failure messages. */
  describe: () => string;
  stop: () => void;
}

/** Watches collectionPath (e.g. /api/v1/namespaces/x/configmaps) from resourceVersion on;
 * timeoutSeconds makes the server end each watch early, so that re-watches happen. */
export const recordWatch = (
  target: WatchTarget,
  collectionPath: string,
  resourceVersion: string,
  timeoutSeconds?: number,
): WatchRecorder => {
  const changes: RecordedEvent[] = [];
  const errors: unknown[] = [];
  const attempts: ConnectionAttempt[] = [];
  let position = resourceVersion;
  let stopped = false;
  let current: ClientRequest | undefined;

  const connect = (): void => {
    if (stopped) return;
    const attempt: ConnectionAttempt = { fromResourceVersion: position, detail: '', events: 0 };
    const index = attempts.push(attempt) - 1;
    let finished = false;
    const finish = (detail: string) => {
      if (finished) return;
      finished = true;
      attempt.detail ||= detail;
      // Informers back off between re-watches; a short pause keeps an outage from spinning.
      if (!stopped) setTimeout(connect, 250);
    };
    const timeout = timeoutSeconds === undefined ? '' : `&timeoutSeconds=${timeoutSeconds}`;
    const path = `${collectionPath}?watch=true&allowWatchBookmarks=true&resourceVersion=${position}${timeout}`;
    current = request(
      {
        host: '127.0.0.1',
        port: target.port,
        ca: target.caPem,
        agent: false,
        path,
        headers: { Accept: 'application/json', Authorization: `Bearer ${target.token}` },
      },
      (res) => {
        attempt.status = res.statusCode;
        let buffered = '';
        res.on('data', (chunk: Buffer) => {
          buffered += chunk.toString('utf8');
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines.filter((l) => l.trim() !== '')) {
            if (res.statusCode !== 200) {
              attempt.detail += line;
              continue;
            }
            const event = JSON.parse(line) as { type: string; object: RecordedEvent['object'] };
            attempt.events++;
            if (event.type === 'ERROR') {
              errors.push(event.object);
              // A 410 means this position is gone: an informer would re-list, which is a failure here.
              if ((event.object as { code?: number }).code === 410) stopped = true;
              continue;
            }
            const rv = event.object.metadata?.resourceVersion ?? '';
            if (rv) position = rv;
            if (event.type === 'BOOKMARK') continue;
            changes.push({
              type: event.type,
              name: event.object.metadata?.name ?? '',
              resourceVersion: rv,
              connection: index,
              object: event.object,
            });
          }
        });
        res.on('end', () => finish(`${res.statusCode === 200 ? 'stream ended' : 'refused'} ${buffered}`.trim()));
        res.on('error', (e) => finish(`response error: ${e.message}`));
      },
    );
    current.on('error', (e) => finish(`request error: ${e.message}`));
    current.end();
  };
  connect();

  return {
    changes: () => [...changes],
    errors: () => [...errors],
    attempts: () => attempts.map((a) => ({ ...a })),
    lastResourceVersion: () => position,
    describe: () =>
      [
        `watch ${collectionPath}, ${attempts.length} connection(s):`,
        ...attempts
          .map(
            (a, i) =>
              `  #${i} from rv ${a.fromResourceVersion}: status ${a.status ?? '-'}, ${a.events} events, ${a.detail}`,
          )
          .slice(-30),
        `changes: ${changes.map((c) => `${c.type} ${c.name}@${c.resourceVersion}`).join(', ')}`,
        `errors: ${JSON.stringify(errors)}`,
      ].join('\n'),
    stop: () => {
      stopped = true;
      current?.destroy();
    },
  };
};
