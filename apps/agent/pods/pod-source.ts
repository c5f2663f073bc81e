// The pods bound to this node, as kubelet's API source watches them: LIST with
// fieldSelector=spec.nodeName=<node>, then WATCH from its resourceVersion, resuming after a break
// and listing again when that version is gone (410 Expired).
import { Logger } from '@nestjs/common';
import { ApiClient } from '../client/api-client';
import { ApiError } from '../client/api-error';
import type { ClientCredentials } from '../client/https-api-client';
import { openWatch, WATCH_IDLE_TIMEOUT_MS, WatchEvent, WatchStream } from '../simulate/watch-stream';
import { Backoff, backoffDelay } from '@kubenest/apimachinery/wait';
import type { Pod } from './pod-types';

export interface PodSourceHandlers {
  /** Every pod bound to the node after a LIST: pods not in it are gone. */
  onList(pods: Pod[]): void;
  onPod(pod: Pod, deleted: boolean): void;
}

export interface PodSource {
  stop(): Promise<void>;
}

const RETRY: Backoff = { baseMs: 200, maxMs: 5000 };
const WATCH_TIMEOUT_SECONDS = 300;
const logger = new Logger('PodSource');

const isExpired = (e: unknown) => ApiError.is(e, 410) || (e as { code?: number })?.code === 410;

export function startPodSource(
  deps: { client: ApiClient; credentials: ClientCredentials; nodeName: string },
  handlers: PodSourceHandlers,
): PodSource {
  const base = `/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${deps.nodeName}`)}`;
  let stopped = false;
  let stream: WatchStream | undefined;
  let wake: () => void = () => undefined;

  const list = async (): Promise<string> => {
    const answer = await deps.client.request<{ metadata: { resourceVersion?: string }; items: Pod[] }>({
      method: 'GET',
      path: base,
    });
    handlers.onList(answer.items);
    return answer.metadata.resourceVersion ?? '';
  };

  const watch = async (from: string): Promise<string> => {
    let version = from;
    const query = `&watch=true&allowWatchBookmarks=true&timeoutSeconds=${WATCH_TIMEOUT_SECONDS}&resourceVersion=${from}`;
    stream = openWatch<Pod>(
      deps.credentials,
      base + query,
      (event: WatchEvent<Pod>) => {
        if (event.type === 'ERROR') {
          const status = event.object as unknown as { code?: number; message?: string };
          throw Object.assign(new Error(status.message ?? 'watch error'), { code: status.code });
        }
        version = event.object.metadata.resourceVersion ?? version;
        if (event.type !== 'BOOKMARK') handlers.onPod(event.object, event.type === 'DELETED');
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

  const running = (async () => {
    let version = '';
    for (let failures = 0; !stopped;) {
      try {
        if (!version) version = await list();
        version = await watch(version);
        failures = 0;
      } catch (e) {
        if (stopped) return;
        version = isExpired(e) ? '' : ((e as { lastVersion?: string }).lastVersion ?? version);
        const delay = backoffDelay(failures++, RETRY);
        logger.warn(`pod watch broke (${(e as Error).message}); again in ${delay} ms`);
        await new Promise<void>((r) => {
          const t = setTimeout(r, delay);
          wake = () => (clearTimeout(t), r());
        });
      }
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      stream?.close();
      wake();
      await running;
    },
  };
}
