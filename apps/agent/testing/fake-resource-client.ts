// A ResourceClient for the agent's unit tests: it records each call (resource, verb, arguments),
// answers from the test's function (an Error answer is thrown), and hands the test every watch
// opened so that it sends events and ends it.
import { KubeObject } from '@kubenest/apimachinery';
import {
  ResourceClient,
  ResourceInterface,
  ResourceRef,
  Watch,
  WatchEnd,
  WatchEvent,
  WatchOptions,
} from '@kubenest/client';

export interface RecordedCall {
  resource: string;
  verb: string;
  args: unknown[];
}

export class FakeWatch implements Watch {
  readonly done: Promise<WatchEnd>;
  private finish: (end: WatchEnd) => void = () => undefined;

  constructor(
    readonly resource: string,
    readonly namespace: string | undefined,
    readonly options: WatchOptions,
    private readonly onEvent: (event: WatchEvent) => void,
  ) {
    this.done = new Promise((resolve) => (this.finish = resolve));
  }

  send(event: WatchEvent): void {
    this.onEvent(event);
  }

  end(end: WatchEnd): void {
    this.finish(end);
  }

  stop(): void {
    this.finish('stopped');
  }
}

export class FakeResourceClient implements ResourceClient {
  readonly calls: RecordedCall[] = [];
  readonly watches: FakeWatch[] = [];

  constructor(private readonly answer: (call: RecordedCall) => unknown = () => ({ metadata: {} })) {}

  resource<T extends KubeObject = KubeObject>(ref: ResourceRef): ResourceInterface<T> {
    const verb =
      (name: string) =>
      async (...args: unknown[]) => {
        const call = { resource: ref.resource, verb: name, args };
        this.calls.push(call);
        const answer = this.answer(call);
        if (answer instanceof Error) throw answer;
        return answer;
      };
    const verbs = ['get', 'list', 'create', 'update', 'updateStatus', 'patch', 'delete'];
    const subresourceVerbs = ['getSubresource', 'createSubresource', 'updateSubresource'];
    return {
      ...Object.fromEntries([...verbs, ...subresourceVerbs].map((name) => [name, verb(name)])),
      watch: (namespace: string | undefined, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void) => {
        const watch = new FakeWatch(ref.resource, namespace, options, onEvent as (event: WatchEvent) => void);
        this.watches.push(watch);
        return watch;
      },
    } as unknown as ResourceInterface<T>;
  }

  /** Resolves once the n-th watch (1-based) has been opened. */
  async watchOpened(n: number): Promise<FakeWatch> {
    while (this.watches.length < n) await new Promise((r) => setTimeout(r, 5));
    return this.watches[n - 1];
  }
}
