import { FakeResourceClient } from '../testing/fake-resource-client';
import { startPodListWatch } from './pod-list-watch';
import type { Pod } from './simulated-pod-status';

const pod = (name: string, rv: string) => ({ metadata: { namespace: 'ns1', name, resourceVersion: rv } }) as Pod;

describe('startPodListWatch', () => {
  it("lists page by page, is synced, then watches from the first page's version and relists when it expired", async () => {
    const pages: Record<string, { metadata: { resourceVersion: string; continue?: string }; items: Pod[] }> = {
      first: { metadata: { resourceVersion: '10', continue: 'next' }, items: [pod('a', '5')] },
      next: { metadata: { resourceVersion: '10' }, items: [pod('b', '6')] },
    };
    const client = new FakeResourceClient(({ args }) => {
      const { continue: token } = args[1] as { continue?: string };
      return pages[token ?? 'first'];
    });
    const seen: string[] = [];
    const lw = startPodListWatch({
      client,
      onPod: (p, deleted) => seen.push(`${deleted ? '-' : '+'}${p.metadata.name}`),
    });
    await lw.synced;
    expect(client.calls.map((c) => c.args)).toEqual([
      [undefined, { limit: 500, continue: undefined }],
      [undefined, { limit: 500, continue: 'next' }],
    ]);

    const first = await client.watchOpened(1);
    expect(first.options).toEqual({ resourceVersion: '10', allowWatchBookmarks: true, timeoutSeconds: 300 });
    first.send({ type: 'ADDED', object: pod('c', '11') });
    first.send({ type: 'DELETED', object: pod('a', '12') });
    first.end('expired');

    const second = await client.watchOpened(2);
    expect(second.options.resourceVersion).toBe('10');
    await lw.stop();
    expect(seen).toEqual(['+a', '+b', '+c', '-a', '+a', '+b']);
  });
});
