// The fleet's one view of pods, as a kubelet's informer keeps it: LIST (paged), then WATCH from the
// list's resourceVersion (the client resumes it after each break from the last version seen),
// listing again when the server says that version is gone (410 Expired). Every pod seen is handed
// to onPod.
import { Logger } from '@nestjs/common';
import { Status } from '@kubenest/apimachinery';
import { Backoff, backoffDelay } from '@kubenest/apimachinery/wait';
import { ResourceClient, resources, Watch, WatchEnd } from '@kubenest/client';
import type { Pod } from './simulated-pod-status';

export interface PodListWatchDeps {
  client: ResourceClient;
  /** Each pod as listed or changed; deleted pods come with deleted = true. */
  onPod: (pod: Pod, deleted: boolean) => void;
}

export interface PodListWatch {
  /** Resolves once the first LIST has been handed over. */
  synced: Promise<void>;
  stop(): Promise<void>;
}

const PAGE = 500;
const RETRY: Backoff = { baseMs: 200, maxMs: 5000 };
// The server ends each connection after this long, as kube-apiserver's min-request-timeout spreads them.
const WATCH_TIMEOUT_SECONDS = 300;

const logger = new Logger('SimulatedPods');

export function startPodListWatch(deps: PodListWatchDeps): PodListWatch {
  const pods = deps.client.resource<Pod>(resources.pods);
  let stopped = false;
  let watch: Watch | undefined;
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
      const page = await pods.list(undefined, { limit: PAGE, continue: next });
      for (const pod of page.items) deps.onPod(pod, false);
      version ||= page.metadata.resourceVersion ?? '';
      next = page.metadata.continue || undefined;
    } while (next && !stopped);
    return version;
  };

  /** Watches until the watch ends; says how, the last version seen, why, and whether any pod came. */
  const watchFrom = async (
    from: string,
  ): Promise<{ end: WatchEnd; version: string; why: string; progressed: boolean }> => {
    let version = from;
    let why = '';
    let progressed = false;
    watch = pods.watch(
      undefined,
      { resourceVersion: from, allowWatchBookmarks: true, timeoutSeconds: WATCH_TIMEOUT_SECONDS },
      (event) => {
        if (event.type === 'ERROR') return void (why = (event.object as Status).message ?? '');
        const pod = event.object as Pod;
        version = pod.metadata.resourceVersion ?? version;
        progressed = true;
        if (event.type !== 'BOOKMARK') deps.onPod(pod, event.type === 'DELETED');
      },
    );
    if (stopped) watch.stop();
    const end = await watch.done;
    return { end, version, why: why || `the watch ended (${end})`, progressed };
  };

  const loop = async () => {
    let version = '';
    for (let failures = 0; !stopped; failures++) {
      let why: string;
      try {
        if (!version) {
          version = await list();
          markSynced();
        }
        const ended = await watchFrom(version);
        if (ended.end === 'stopped') return;
        version = ended.end === 'expired' ? '' : ended.version;
        why = ended.why;
        if (ended.progressed) failures = 0;
      } catch (e) {
        why = (e as Error).message;
      }
      if (stopped) return;
      const delay = backoffDelay(failures, RETRY);
      logger.warn(`pod watch broke (${why}); again in ${delay} ms`);
      await sleep(delay);
    }
  };
  const running = loop();
  return {
    synced,
    stop: async () => {
      stopped = true;
      watch?.stop();
      wake();
      markSynced();
      await running;
    },
  };
}
