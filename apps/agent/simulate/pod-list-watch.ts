// The fleet's one view of pods, as a kubelet's informer keeps it: LIST (paged), then WATCH from the
// list's resourceVersion, resuming after each break from the last version seen and listing again
// when the server says that version is gone (410 Expired). Every pod seen is handed to onPod.
import { Logger } from '@nestjs/common';
import { ApiClient } from '../client/api-client';
import { ApiError } from '../client/api-error';
import type { ClientCredentials } from '../client/https-api-client';
import { Backoff, backoffDelay } from '@kubenest/apimachinery/wait';
import type { Pod } from './simulated-pod-status';
import { openWatch, WATCH_IDLE_TIMEOUT_MS, WatchEvent, WatchStream } from './watch-stream';

export interface PodListWatchDeps {
  client: ApiClient;
  credentials: ClientCredentials;
  /** Each pod as listed or changed; deleted pods come with deleted = true. */
  onPod: (pod: Pod, deleted: boolean) => void;
}

export interface PodListWatch {
  /** Resolves once the first LIST has been handed over. */
  synced: Promise<void>;
  stop(): Promise<void>;
}

interface PodList {
  metadata: { resourceVersion?: string; continue?: string };
  items: Pod[];
}

const PODS = '/api/v1/pods';
const PAGE = 500;
const RETRY: Backoff = { baseMs: 200, maxMs: 5000 };
// The server ends a watch after this long, as kube-apiserver's min-request-timeout spreads them.
const WATCH_TIMEOUT_SECONDS = 300;

const logger = new Logger('SimulatedPods');

const isExpired = (e: unknown) => ApiError.is(e, 410) || (e as { code?: number })?.code === 410;

export function startPodListWatch(deps: PodListWatchDeps): PodListWatch {
  let stopped = false;
  let stream: WatchStream | undefined;
  let markSynced: () => void = () => undefined;
  const synced = new Promise<void>((r) => (markSynced = r));
  let wake: () => void = () => undefined;
  const sleep = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      wake = () => (clearTimeout(t), r());
    });

  const list = async (): Promise<string> => {
    let next: string | undefined;
    let version = '';
    do {
      const query = `limit=${PAGE}${next ? `&continue=${encodeURIComponent(next)}` : ''}`;
      const page = await deps.client.request<PodList>({ method: 'GET', path: `${PODS}?${query}` });
      for (const pod of page.items) deps.onPod(pod, false);
      version ||= page.metadata.resourceVersion ?? '';
      next = page.metadata.continue || undefined;
    } while (next && !stopped);
    return version;
  };

  const watch = async (from: string): Promise<string> => {
    let version = from;
    const query = `watch=true&allowWatchBookmarks=true&timeoutSeconds=${WATCH_TIMEOUT_SECONDS}&resourceVersion=${from}`;
    stream = openWatch<Pod>(
      deps.credentials,
      `${PODS}?${query}`,
      (event: WatchEvent<Pod>) => {
        if (event.type === 'ERROR') {
          const status = event.object as unknown as { code?: number; message?: string };
          throw Object.assign(new Error(status.message ?? 'watch error'), { code: status.code });
        }
        version = event.object.metadata.resourceVersion ?? version;
        if (event.type !== 'BOOKMARK') deps.onPod(event.object, event.type === 'DELETED');
      },
      { idleTimeoutMs: WATCH_IDLE_TIMEOUT_MS },
    );
    try {
      await stream.done;
    } catch (e) {
      throw Object.assign(e as Error, { lastVersion: version });
    }
    return version;
  };

  const loop = async () => {
    let version = '';
    for (let failures = 0; !stopped;) {
      try {
        if (!version) {
          version = await list();
          markSynced();
        }
        version = await watch(version);
        failures = 0;
      } catch (e) {
        if (stopped) return;
        if (isExpired(e)) version = '';
        else version = (e as { lastVersion?: string }).lastVersion ?? version;
        const delay = backoffDelay(failures++, RETRY);
        logger.warn(`pod watch broke (${(e as Error).message}); again in ${delay} ms`);
        await sleep(delay);
      }
    }
  };
  const running = loop();
  return {
    synced,
    stop: async () => {
      stopped = true;
      stream?.close();
      wake();
      markSynced();
      await running;
    },
  };
}
