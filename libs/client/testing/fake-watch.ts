// One watch on the fake client: changes of one resource in revision order, delivered
// asynchronously as a real watch delivers them, filtered by namespace and selectors. An object
// that stops matching the selectors arrives as DELETED and one that starts matching as ADDED,
// as kube-apiserver's cacher filters a watch.
import { KubeObject } from '@kubenest/apimachinery';
import { Watch, WatchEnd, WatchEvent } from '../resource-client';
import type { FakeChange } from './fake-resource-client';

export class FakeWatch implements Watch {
  readonly done: Promise<WatchEnd>;
  private resolveDone!: (end: WatchEnd) => void;
  /** Deliveries chain on this so events keep their order and come after the write returns. */
  private tail = Promise.resolve();
  private ended = false;
  /** Set as soon as the end is asked for: the server sends nothing after it. */
  private ending = false;

  constructor(
    readonly resource: string,
    private readonly namespace: string | undefined,
    private readonly matches: (obj: KubeObject) => boolean,
    private readonly onEvent: (event: WatchEvent) => void,
    private readonly onEnd: () => void,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  deliver(change: FakeChange): void {
    if (this.ending || change.resource !== this.resource) return;
    if (this.namespace !== undefined && change.object.metadata.namespace !== this.namespace) return;
    const now = this.matches(change.object);
    const before = change.previous ? this.matches(change.previous) : false;
    let type = change.type;
    if (type === 'MODIFIED' && now !== before) type = now ? 'ADDED' : 'DELETED';
    else if (!now && !(type === 'DELETED' && before)) return;
    const object = structuredClone(change.object);
    this.tail = this.tail.then(() => {
      if (!this.ended) this.onEvent({ type, object });
    });
  }

  stop(): void {
    this.end('stopped');
  }

  /** Ends the watch: at once when stopped, else once what was already sent has been delivered. */
  end(end: WatchEnd): void {
    if (this.ending) return;
    this.ending = true;
    const finish = (): void => {
      if (this.ended) return;
      this.ended = true;
      this.onEnd();
      this.resolveDone(end);
    };
    if (end === 'stopped') finish();
    else this.tail = this.tail.then(finish);
  }
}
