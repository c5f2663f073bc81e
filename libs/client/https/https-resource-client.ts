// ResourceClient over HTTPS, for the agent and any process outside the apiserver: one keep-alive
// pool per identity, Status answers as StatusErrors, watches that resume on their own.
import { KubeObject } from '@kubenest/apimachinery';
import { ResourceClient, ResourceInterface, ResourceRef, Watch } from '../resource-client';
import { HttpsClientConfig } from './https-client-config';
import { httpsResource, HttpsResourceSettings } from './https-resource';
import { HttpsTransport } from './https-transport';
import { MAX_WATCH_LINE_BYTES } from './watch-lines';

/**
 * The apiserver sends a watch that asked for bookmarks one a minute: one silent for this long has
 * lost its connection without a reset (a host or network gone) and is resumed.
 */
export const WATCH_IDLE_TIMEOUT_MS = 150_000;
/** Between a watch's connections: 200 ms, doubling while they keep failing, up to 5 s. */
const WATCH_RETRY = { baseMs: 200, maxMs: 5000 };
const WATCH_HEALTHY_AFTER_MS = 1000;

export class HttpsResourceClient implements ResourceClient {
  private readonly transport: HttpsTransport;
  private readonly watches = new Set<Watch>();
  private readonly settings: HttpsResourceSettings;

  constructor(config: HttpsClientConfig) {
    this.transport = new HttpsTransport(config);
    this.settings = {
      watch: {
        maxLineBytes: config.maxWatchLineBytes ?? MAX_WATCH_LINE_BYTES,
        retry: WATCH_RETRY,
        healthyAfterMs: WATCH_HEALTHY_AFTER_MS,
      },
      watchIdleTimeoutMs: config.watchIdleTimeoutMs ?? WATCH_IDLE_TIMEOUT_MS,
      track: (watch) => {
        this.watches.add(watch);
        void watch.done.then(() => this.watches.delete(watch));
      },
    };
  }

  resource<T extends KubeObject = KubeObject>(ref: ResourceRef): ResourceInterface<T> {
    return httpsResource<T>(this.transport, ref, this.settings);
  }

  /** The local address of the last connection that answered: how the server sees this host. */
  localAddress(): string | undefined {
    return this.transport.localAddress();
  }

  /** Stops the watches still running and closes every connection. */
  close(): void {
    for (const watch of this.watches) watch.stop();
    this.transport.close();
  }
}
