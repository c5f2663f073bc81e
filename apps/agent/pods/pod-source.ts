// The pods bound to this node, as kubelet's API source watches them: LIST with
// fieldSelector=spec.nodeName=<node>, then WATCH from its resourceVersion (the client resumes it
// after a break), listing again when that version is gone (410 Expired).
import { Logger } from '@nestjs/common';
import { Status } from '@kubenest/apimachinery';
import { Backoff, backoffDelay } from '@kubenest/apimachinery/wait';
import { ResourceClient, resources, Watch, WatchEnd } from '@kubenest/client';
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
// The server ends each connection after this long, as kube-apiserver's min-request-timeout spreads them.
const WATCH_TIMEOUT_SECONDS = 300;
const logger = new Logger('PodSource');

export function startPodSource(
  deps: { client: ResourceClient; nodeName: string },
  handlers: PodSourceHandlers,
): PodSource {
  const pods = deps.client.resource<Pod>(resources.pods);
  const fieldSelector = `spec.nodeName=${deps.nodeName}`;
  let stopped = false;
  let watch: Watch | undefined;
  let wake: () => void = () => undefined;

  const list = async (): Promise<string> => {
    const answer = await pods.list(undefined, { fieldSelector });
    handlers.onList(answer.items);
    return answer.metadata.resourceVersion ?? '';
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
      { fieldSelector, resourceVersion: from, allowWatchBookmarks: true, timeoutSeconds: WATCH_TIMEOUT_SECONDS },
      (event) => {
        if (event.type === 'ERROR') return void (why = (event.object as Status).message ?? '');
        const pod = event.object as Pod;
        version = pod.metadata.resourceVersion ?? version;
        progressed = true;
        if (event.type !== 'BOOKMARK') handlers.onPod(pod, event.type === 'DELETED');
      },
    );
    if (stopped) watch.stop();
    const end = await watch.done;
    return { end, version, why: why || `the watch ended (${end})`, progressed };
  };

  const running = (async () => {
    let version = '';
    for (let failures = 0; !stopped; failures++) {
      let why: string;
      try {
        if (!version) version = await list();
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
      await new Promise<void>((r) => {
        const t = setTimeout(r, delay);
        wake = () => (clearTimeout(t), r());
      });
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      watch?.stop();
      wake();
      await running;
    },
  };
}
