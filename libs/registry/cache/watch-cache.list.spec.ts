// WatchCache lists: from memory, selections, consistent reads, pages pinned to a revision.
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { StoreError } from '@kubenest/storage';
import { ContinueExpiredError } from './cache-errors';
import { decodeContinue } from './continue-token';
import { FakeStore } from './testing/fake-store';
import { PODS, decodePod, podKey, podValue, silentLogger } from './testing/pods';
import { WatchCache, WatchCacheOptions } from './watch-cache';

const names = (items: KubeObject[]) => items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

const setup = async (options: WatchCacheOptions = {}) => {
  const store = new FakeStore();
  const cache = new WatchCache(store, PODS, decodePod, { logger: silentLogger, ...options });
  return { store, cache };
};

describe('WatchCache list', () => {
  afterEach(() => jest.useRealTimers());

  it('loads the prefix and lists it from memory in key order', async () => {
    const { store, cache } = await setup();
    await store.create(podKey('b', 'two'), podValue('b', 'two'));
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    await store.create('/registry/core/configmaps/a/x', '{}');
    await cache.start();
    const listsBefore = store.listCalls;
    await store.create(podKey('a', 'zero'), podValue('a', 'zero'));

    const result = await cache.list();
    expect(names(result.items)).toEqual(['a/one', 'a/zero', 'b/two']);
    expect(result.items.map((o) => o.metadata.resourceVersion)).toEqual(['3', '5', '2']);
    expect(result.revision).toBe(5);
    expect(result.continue).toBeUndefined();
    expect(cache.get(podKey('a', 'zero'))?.metadata.resourceVersion).toBe('5');
    expect(store.listCalls).toBe(listsBefore);
    cache.stop();
  });

  it.each([
    { name: 'a namespace', options: { namespace: 'a' }, want: ['a/db', 'a/web'] },
    {
      name: 'a label selector',
      options: { labelSelector: (l: Readonly<Record<string, string>>) => l.app === 'web' },
      want: ['a/web', 'b/web'],
    },
    {
      name: 'a field filter',
      options: { fieldFilter: (o: KubeObject) => (o.spec as { nodeName?: string }).nodeName === 'n1' },
      want: ['a/db', 'b/web'],
    },
    {
      name: 'all three',
      options: {
        namespace: 'b',
        labelSelector: (l: Readonly<Record<string, string>>) => l.app === 'web',
        fieldFilter: () => true,
      },
      want: ['b/web'],
    },
  ])('selects by $name', async ({ options, want }) => {
    const { store, cache } = await setup();
    await store.create(podKey('a', 'web'), podValue('a', 'web', { app: 'web' }, { nodeName: 'n2' }));
    await store.create(podKey('a', 'db'), podValue('a', 'db', { app: 'db' }, { nodeName: 'n1' }));
    await store.create(podKey('b', 'web'), podValue('b', 'web', { app: 'web' }, { nodeName: 'n1' }));
    await store.create(podKey('ab', 'other'), podValue('ab', 'other', { app: 'web' }));
    await cache.start();
    const result = await cache.list(options);
    expect(names(result.items).filter((n) => !n.startsWith('ab/'))).toEqual(want);
    if (options.namespace) expect(names(result.items)).toEqual(want);
    cache.stop();
  });

  it('waits for a consistent read until the cache reaches the store revision', async () => {
    const { store, cache } = await setup();
    await cache.start();
    store.progressNotify = false;
    await store.create(podKey('a', 'one'), podValue('a', 'one'));
    await store.create('/registry/core/configmaps/a/x', '{}');
    expect(cache.revision).toBe(2);

    let done = false;
    const listing = cache.list({ consistent: true }).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    store.notifyProgress();
    const result = await listing;
    expect(result.revision).toBe(3);
    expect(names(result.items)).toEqual(['a/one']);
    cache.stop();
  });

  it('answers 504 Too large resource version when the cache does not get there in time', async () => {
    jest.useFakeTimers();
    const { store, cache } = await setup({ freshTimeoutMs: 3000 });
    await cache.start();
    store.progressNotify = false;
    await store.create('/registry/core/configmaps/a/x', '{}');
    const waiting = cache.waitUntilFresh(2);
    jest.advanceTimersByTime(3000);
    await expect(waiting).rejects.toMatchObject({
      code: 504,
      reason: 'Timeout',
      message: 'Too large resource version: 2, current: 1',
      details: { retryAfterSeconds: 1, causes: [{ reason: 'ResourceVersionTooLarge' }] },
    });
    cache.stop();
  });

  it.each([
    { code: 'unavailable' as const, status: 503, reason: 'ServiceUnavailable' },
    { code: 'timeout' as const, status: 504, reason: 'Timeout' },
  ])('answers a consistent read the store could not serve ($code) as $status, never a StoreError', async (c) => {
    const { store, cache } = await setup();
    await cache.start();
    jest.spyOn(store, 'currentRevision').mockRejectedValueOnce(new StoreError(c.code, 'database down'));
    const error = await cache.list({ consistent: true }).catch((e: unknown) => e);
    expect(StatusError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: c.status, reason: c.reason, message: 'database down' });
    cache.stop();
  });

  it('serves continue pages at the first page revision under concurrent writes', async () => {
    const { store, cache } = await setup();
    for (let i = 0; i < 10; i++) await store.create(podKey('ns', `p${i}`), podValue('ns', `p${i}`));
    await cache.start();

    const first = await cache.list({ limit: 4 });
    expect(names(first.items)).toEqual(['ns/p0', 'ns/p1', 'ns/p2', 'ns/p3']);
    expect(first.revision).toBe(11);
    expect(first.remainingItemCount).toBe(6);
    expect(decodeContinue(first.continue!, PODS)).toEqual({ revision: 11, startKey: `${podKey('ns', 'p3')}\u0000` });

    await store.delete(podKey('ns', 'p5'));
    await store.update(podKey('ns', 'p6'), podValue('ns', 'p6', { changed: 'yes' }), {});
    await store.create(podKey('ns', 'p45'), podValue('ns', 'p45'));

    const second = await cache.list({ limit: 4, continue: first.continue });
    expect(names(second.items)).toEqual(['ns/p4', 'ns/p5', 'ns/p6', 'ns/p7']);
    expect(second.items[2].metadata.resourceVersion).toBe('8');
    expect(second.revision).toBe(11);
    expect(second.remainingItemCount).toBe(2);

    const third = await cache.list({ limit: 4, continue: second.continue });
    expect(names(third.items)).toEqual(['ns/p8', 'ns/p9']);
    expect(third.continue).toBeUndefined();

    const fresh = await cache.list();
    expect(fresh.revision).toBe(14);
    expect(names(fresh.items)).toContain('ns/p45');
    expect(names(fresh.items)).not.toContain('ns/p5');
    cache.stop();
  });

  it('pages a namespace and leaves remainingItemCount out when a selector filters', async () => {
    const { store, cache } = await setup();
    for (const ns of ['a', 'b'])
      for (let i = 0; i < 3; i++) await store.create(podKey(ns, `p${i}`), podValue(ns, `p${i}`, { i: String(i) }));
    await cache.start();
    const page = await cache.list({ namespace: 'a', limit: 2 });
    expect(names(page.items)).toEqual(['a/p0', 'a/p1']);
    expect(page.remainingItemCount).toBe(1);
    const next = await cache.list({ namespace: 'a', limit: 2, continue: page.continue });
    expect(names(next.items)).toEqual(['a/p2']);
    expect(next.continue).toBeUndefined();

    const filtered = await cache.list({ limit: 1, labelSelector: (l) => l.i !== '1' });
    expect(names(filtered.items)).toEqual(['a/p0']);
    expect(filtered.continue).toBeDefined();
    expect(filtered.remainingItemCount).toBeUndefined();
    cache.stop();
  });

  it('answers 410 for a continue token whose revision left the window, offering an inconsistent token', async () => {
    const { store, cache } = await setup({ eventWindow: 2 });
    for (let i = 0; i < 5; i++) await store.create(podKey('ns', `p${i}`), podValue('ns', `p${i}`));
    await cache.start();
    const first = await cache.list({ limit: 2 });
    for (let i = 0; i < 3; i++) await store.update(podKey('ns', 'p4'), podValue('ns', 'p4', { n: String(i) }), {});

    const error = await cache.list({ limit: 2, continue: first.continue }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContinueExpiredError);
    const status = (error as ContinueExpiredError).toStatus();
    expect(status).toMatchObject({ code: 410, reason: 'Expired' });
    expect(status.message).toMatch(
      /^The provided continue parameter is too old to display a consistent list result\. You can start a new list without the continue parameter, or use the continue token in this response/,
    );

    const token = status.metadata.continue as string;
    expect(decodeContinue(token, PODS).revision).toBe(-1);
    const rest = await cache.list({ limit: 10, continue: token });
    expect(names(rest.items)).toEqual(['ns/p2', 'ns/p3', 'ns/p4']);
    expect(rest.revision).toBe(9);
    cache.stop();
  });

  it('serves an exact revision while the window holds it, else 410', async () => {
    const { store, cache } = await setup({ eventWindow: 2 });
    await cache.start();
    for (let i = 0; i < 4; i++) await store.create(podKey('ns', `p${i}`), podValue('ns', `p${i}`));
    expect(names((await cache.list({ exactRevision: 4 })).items)).toEqual(['ns/p0', 'ns/p1', 'ns/p2']);
    await expect(cache.list({ exactRevision: 2 })).rejects.toMatchObject({
      code: 410,
      reason: 'Expired',
      message: 'too old resource version: 2 (3)',
    });
    cache.stop();
  });

  it.each([
    { name: 'not base64 JSON', token: '!!!' },
    {
      name: 'another version',
      token: Buffer.from(JSON.stringify({ v: 'x', rv: 1, start: 'a' })).toString('base64url'),
    },
    {
      name: 'an escaping key',
      token: Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 1, start: '../secrets/x' })).toString('base64url'),
    },
  ])('rejects a continue token that is $name with 400', async ({ token }) => {
    const { cache } = await setup();
    await cache.start();
    const error = await cache.list({ continue: token }).catch((e: unknown) => e);
    expect(StatusError.is(error) && error.code).toBe(400);
    cache.stop();
  });

  it('lists 50,000 objects from memory quickly', async () => {
    const { store, cache } = await setup();
    for (let i = 0; i < 50_000; i++)
      await store.create(podKey(`ns${i % 50}`, `pod-${i}`), podValue(`ns${i % 50}`, `pod-${i}`, { app: `a${i % 7}` }));
    await cache.start();
    const listsBefore = store.listCalls;
    let started = performance.now();
    const all = await cache.list();
    const fullMs = performance.now() - started;
    started = performance.now();
    const page = await cache.list({ limit: 500, labelSelector: (l) => l.app === 'a3' });
    const pageMs = performance.now() - started;
    expect(all.items).toHaveLength(50_000);
    expect(page.items).toHaveLength(500);
    expect(store.listCalls).toBe(listsBefore);
    expect(fullMs).toBeLessThan(250);
    expect(pageMs).toBeLessThan(50);
    cache.stop();
  });
});
