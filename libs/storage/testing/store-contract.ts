// The Store contract as one suite, run against every implementation (the unit tests' fake and
// PostgreSQL), so a fake cannot drift from the real store: etcd's semantics as kube-apiserver
// relies on them (one global revision, compare-and-swap, ordered gap-free watches, compaction).
import { waitFor } from '@kubenest/testing/wait';
import { Store, StoreEvent, Watcher } from '../store';
import { StoreError } from '../store-error';

/** A fresh, empty store per test; the suite closes it after the test. */
export type MakeStore = () => Promise<Store>;

interface Recorder {
  events: StoreEvent[];
  errors: Error[];
  watcher: Watcher;
}

const record = (store: Store, prefix: string, fromRevision: number): Recorder => {
  const events: StoreEvent[] = [];
  const errors: Error[] = [];
  const watcher = store.watch(prefix, fromRevision, {
    onEvents: (batch) => events.push(...batch),
    onError: (error) => errors.push(error),
  });
  return { events, errors, watcher };
};

const summary = (events: StoreEvent[]) => events.map((e) => `${e.type} ${e.key}@${e.revision}<${e.prevValue ?? ''}`);

export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    const watchers: Watcher[] = [];
    const watch = (prefix: string, fromRevision: number): Recorder => {
      const recorder = record(store, prefix, fromRevision);
      watchers.push(recorder.watcher);
      return recorder;
    };

    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      for (const watcher of watchers.splice(0)) watcher.stop();
      await store.close();
    });

    describe('revisions', () => {
      // As etcd: a new cluster is at revision 1, so the first write is at 2 and a
      // resourceVersion is never "0" (which clients read as "any").
      it('starts at revision 1 with nothing compacted; the first write takes revision 2', async () => {
        expect(await store.currentRevision()).toBe(1);
        expect(await store.compactedRevision()).toBe(0);
        expect((await store.create('/rev/a', 'a')).modRevision).toBe(2);
        expect(await store.currentRevision()).toBe(2);
      });

      it('gives every successful write the next revision and a failed one none', async () => {
        const a = await store.create('/rev/a', '1');
        const failures = [
          () => store.create('/rev/a', 'again'),
          () => store.update('/rev/a', 'x', { modRevision: a.modRevision - 1 }),
          () => store.update('/rev/missing', 'x', {}),
          () => store.delete('/rev/missing'),
          () => store.delete('/rev/a', { modRevision: a.modRevision + 5 }),
        ];
        for (const failure of failures) await expect(failure()).rejects.toBeInstanceOf(StoreError);
        expect(await store.currentRevision()).toBe(a.modRevision);
        const updated = await store.update('/rev/a', '2', { modRevision: a.modRevision });
        const b = await store.create('/rev/b', 'b');
        const deleted = await store.delete('/rev/a');
        expect([updated.modRevision, b.modRevision, deleted.modRevision]).toEqual([
          a.modRevision + 1,
          a.modRevision + 2,
          a.modRevision + 3,
        ]);
        expect(await store.currentRevision()).toBe(a.modRevision + 3);
      });
    });

    describe('create and get', () => {
      it('creates a key whose create and mod revisions are the write revision, and reads it back', async () => {
        const created = await store.create('/crud/a', '{"v":1}');
        expect(created).toEqual({
          key: '/crud/a',
          value: '{"v":1}',
          createRevision: created.modRevision,
          modRevision: created.modRevision,
        });
        expect(await store.get('/crud/a')).toEqual(created);
        expect(await store.get('/crud/missing')).toBeUndefined();
      });

      it('refuses to create a key that exists', async () => {
        await store.create('/crud/a', '1');
        await expect(store.create('/crud/a', '2')).rejects.toMatchObject({ name: 'StoreError', code: 'exists' });
        expect(await store.get('/crud/a')).toMatchObject({ value: '1' });
      });
    });

    describe('update (compare-and-swap)', () => {
      it('replaces the value at the expected modRevision, keeping the createRevision', async () => {
        const created = await store.create('/cas/a', '1');
        const updated = await store.update('/cas/a', '2', { modRevision: created.modRevision });
        expect(updated).toEqual({
          key: '/cas/a',
          value: '2',
          createRevision: created.modRevision,
          modRevision: created.modRevision + 1,
        });
        expect(await store.get('/cas/a')).toEqual(updated);
        expect(await store.update('/cas/a', '3', {})).toMatchObject({
          value: '3',
          modRevision: updated.modRevision + 1,
        });
      });

      it('fails a stale modRevision with conflict naming the current one, and a missing key with not-found', async () => {
        const created = await store.create('/cas/a', '1');
        await store.update('/cas/a', '2', {});
        const error = await store.update('/cas/a', 'x', { modRevision: created.modRevision }).catch((e: unknown) => e);
        expect(StoreError.is(error, 'conflict')).toBe(true);
        expect((error as StoreError).current).toEqual({ modRevision: created.modRevision + 1 });
        await expect(store.update('/cas/missing', 'x', {})).rejects.toMatchObject({ code: 'not-found' });
        expect(await store.get('/cas/a')).toMatchObject({ value: '2' });
      });

      it('lets a guaranteed-update loop (read, change, swap, retry on conflict) lose no write', async () => {
        await store.create('/cas/counter', '0');
        const increment = async () => {
          for (;;) {
            const current = (await store.get('/cas/counter'))!;
            try {
              return await store.update('/cas/counter', String(Number(current.value) + 1), {
                modRevision: current.modRevision,
              });
            } catch (error) {
              if (!StoreError.is(error, 'conflict')) throw error;
            }
          }
        };
        const writes = await Promise.all(Array.from({ length: 8 }, increment));
        expect((await store.get('/cas/counter'))!.value).toBe('8');
        expect(new Set(writes.map((w) => w.modRevision)).size).toBe(8);
      });
    });

    describe('delete', () => {
      it('returns the last value with the revision of the delete as modRevision', async () => {
        const created = await store.create('/del/a', '1');
        const updated = await store.update('/del/a', '2', {});
        const deleted = await store.delete('/del/a', { modRevision: updated.modRevision });
        expect(deleted).toEqual({
          key: '/del/a',
          value: '2',
          createRevision: created.modRevision,
          modRevision: updated.modRevision + 1,
        });
        expect(await store.get('/del/a')).toBeUndefined();
      });

      it('fails a stale precondition with conflict and a missing key with not-found', async () => {
        const created = await store.create('/del/a', '1');
        await store.update('/del/a', '2', {});
        await expect(store.delete('/del/a', { modRevision: created.modRevision })).rejects.toMatchObject({
          code: 'conflict',
        });
        expect(await store.get('/del/a')).toMatchObject({ value: '2' });
        await expect(store.delete('/del/missing')).rejects.toMatchObject({ code: 'not-found' });
      });

      it('starts a new incarnation when the key is created again', async () => {
        await store.create('/del/a', '1');
        const deleted = await store.delete('/del/a');
        const again = await store.create('/del/a', 'again');
        expect(again.createRevision).toBe(deleted.modRevision + 1);
      });
    });

    describe('list', () => {
      it('lists a prefix in key order, by pages, now and at a past revision', async () => {
        for (const key of ['c', 'a', 'd', 'b']) await store.create(`/list/${key}`, key);
        await store.create('/listx/sibling', 'no');
        const snapshot = await store.currentRevision();
        await store.update('/list/a', 'a2', {});
        await store.delete('/list/b');
        await store.create('/list/e', 'e');

        const now = await store.list({ prefix: '/list/' });
        expect(now.items.map((i) => i.value)).toEqual(['a2', 'c', 'd', 'e']);
        expect(now).toMatchObject({ revision: await store.currentRevision(), more: false });
        expect(await store.count('/list/')).toBe(4);

        const first = await store.list({ prefix: '/list/', revision: snapshot, limit: 2 });
        expect(first).toMatchObject({ revision: snapshot, more: true });
        expect(first.items.map((i) => i.value)).toEqual(['a', 'b']);
        const next = await store.list({ prefix: '/list/', revision: snapshot, limit: 2, afterKey: '/list/b' });
        expect(next.items.map((i) => i.value)).toEqual(['c', 'd']);
        expect(next).toMatchObject({ revision: snapshot, more: false });
        expect(next.items.every((i) => i.modRevision <= snapshot)).toBe(true);

        const page = await store.list({ prefix: '/list/', limit: 3, afterKey: '/list/a' });
        expect(page.items.map((i) => i.key)).toEqual(['/list/c', '/list/d', '/list/e']);
        expect(page.more).toBe(false);
      });

      it('lists an empty store at its current revision', async () => {
        expect(await store.list({ prefix: '/' })).toEqual({ items: [], revision: 1, more: false });
      });

      it('answers future-revision for a revision the store has not reached', async () => {
        const current = await store.currentRevision();
        await expect(store.list({ prefix: '/', revision: current + 10 })).rejects.toMatchObject({
          code: 'future-revision',
        });
      });
    });

    describe('watch', () => {
      it('replays from a revision, then follows live, with prev values, under its prefix only', async () => {
        const start = await store.currentRevision();
        const a = await store.create('/watch/a', '1');
        const { events, errors } = watch('/watch/', start);
        await store.update('/watch/a', '2', {});
        await store.create('/other/z', 'z');
        await store.delete('/watch/a');
        await waitFor('three events', () => events.length >= 3, 10_000, 10);
        expect(errors).toEqual([]);
        expect(events).toEqual([
          { type: 'put', key: '/watch/a', value: '1', revision: a.modRevision, createRevision: a.modRevision },
          {
            type: 'put',
            key: '/watch/a',
            value: '2',
            prevValue: '1',
            revision: a.modRevision + 1,
            createRevision: a.modRevision,
            prevRevision: a.modRevision,
          },
          {
            type: 'delete',
            key: '/watch/a',
            value: '2',
            prevValue: '2',
            revision: a.modRevision + 3,
            createRevision: a.modRevision,
            prevRevision: a.modRevision + 1,
          },
        ]);
      });

      it('delivers only changes after its revision', async () => {
        await store.create('/watch/old', 'o');
        const { events } = watch('/watch/', await store.currentRevision());
        const fresh = await store.create('/watch/new', 'n');
        await waitFor('one event', () => events.length >= 1, 10_000, 10);
        expect(events.map((e) => e.revision)).toEqual([fresh.modRevision]);
      });

      it('delivers every change of concurrent writers once, in revision order, without a gap', async () => {
        const start = await store.currentRevision();
        const { events, errors } = watch('/', start);
        await Promise.all(
          Array.from({ length: 20 }, async (_, i) => {
            const kv = await store.create(`/many/${i}`, String(i));
            await store.update(kv.key, `${i}+`, { modRevision: kv.modRevision });
          }),
        );
        const end = await store.currentRevision();
        expect(end).toBe(start + 40);
        await waitFor('every event', () => events.length >= 40, 10_000, 10);
        expect(errors).toEqual([]);
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 40 }, (_, i) => start + 1 + i));
      });

      it('resumes from any revision still in history', async () => {
        const start = await store.currentRevision();
        for (const key of ['a', 'b', 'c']) await store.create(`/resume/${key}`, key);
        const { events } = watch('/resume/', start + 1);
        await waitFor('two events', () => events.length >= 2, 10_000, 10);
        expect(summary(events)).toEqual([`put /resume/b@${start + 2}<`, `put /resume/c@${start + 3}<`]);
      });
    });

    describe('history', () => {
      it('reads what a watch would deliver, a page at a time within bounds', async () => {
        const start = await store.currentRevision();
        const a = await store.create('/history/a', '1');
        await store.create('/historyx/other', 'o');
        await store.update('/history/a', '2', {});
        const b = await store.create('/history/b', 'b');
        await store.delete('/history/a');
        const end = await store.currentRevision();

        expect(summary(await store.history('/history/', start, end, 10))).toEqual([
          `put /history/a@${a.modRevision}<`,
          `put /history/a@${a.modRevision + 2}<1`,
          `put /history/b@${b.modRevision}<`,
          `delete /history/a@${end}<2`,
        ]);
        expect(summary(await store.history('/history/', start, end, 2))).toHaveLength(2);
        expect(summary(await store.history('/history/', a.modRevision + 2, b.modRevision, 10))).toEqual([
          `put /history/b@${b.modRevision}<`,
        ]);
        expect(await store.history('/history/', end, end + 5, 10)).toEqual([]);
      });
    });

    describe('compaction', () => {
      it('answers compacted (410 Expired above the store) for reads and watches from before its point', async () => {
        const k = await store.create('/compact/k', '1');
        await store.update('/compact/k', '2', {});
        const gone = await store.create('/compact/gone', 'x');
        await store.delete('/compact/gone');
        const point = await store.currentRevision();
        expect(gone.modRevision).toBeLessThan(point);
        await store.update('/compact/k', '3', {});
        await store.compact(point);
        expect(await store.compactedRevision()).toBe(point);
        await store.compact(point - 1);
        expect(await store.compactedRevision()).toBe(point);

        await expect(store.list({ prefix: '/compact/', revision: k.modRevision })).rejects.toMatchObject({
          code: 'compacted',
        });
        const atPoint = await store.list({ prefix: '/compact/', revision: point });
        expect(atPoint.items.map((i) => [i.key, i.value])).toEqual([['/compact/k', '2']]);
        await expect(store.history('/compact/', point - 1, point + 1, 10)).rejects.toMatchObject({
          code: 'compacted',
        });
        expect((await store.history('/compact/', point, point + 1, 10)).map((e) => e.value)).toEqual(['3']);

        const before = watch('/compact/', point - 1);
        await waitFor('a watch error', () => before.errors.length > 0, 10_000, 10);
        expect(StoreError.is(before.errors[0], 'compacted')).toBe(true);
        expect(before.events).toEqual([]);

        const after = watch('/compact/', point);
        await waitFor('one event', () => after.events.length > 0, 10_000, 10);
        expect(after.events.map((e) => [e.value, e.prevValue])).toEqual([['3', '2']]);
        expect(after.errors).toEqual([]);
      });

      it('refuses to compact beyond the current revision', async () => {
        await store.create('/compact/a', 'a');
        const current = await store.currentRevision();
        await expect(store.compact(current + 1)).rejects.toMatchObject({ code: 'future-revision' });
        expect(await store.compactedRevision()).toBe(0);
      });
    });
  });
}
