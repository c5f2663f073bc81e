// The tailer's merge of this process's committed events with history: in order, each once,
// gaps filled from history, history read only when something else committed.
import { DataSource } from 'typeorm';
import { EventTailer } from './event-tailer';
import { HistoryReader } from './history-reader';
import { StoreEvent } from './store';
import { WatchStream } from './watch-stream';

const event = (revision: number): StoreEvent => ({
  type: 'put',
  key: `/k/${revision}`,
  value: 'v',
  revision,
  createRevision: revision,
});
const events = (...revisions: number[]) => revisions.map(event);

async function setup(committedUpTo: number) {
  const reads: number[] = [];
  const history: HistoryReader = async (after, upTo) => {
    reads.push(after);
    const page = [];
    for (let r = after + 1; r <= Math.min(upTo, committedUpTo); r++) page.push(event(r));
    return { events: page, compactedRevision: 0 };
  };
  const dataSource = { query: async () => [{ revision: '10' }] } as unknown as DataSource;
  const tailer = new EventTailer(dataSource, history, 60_000);
  await tailer.start();
  const seen: number[] = [];
  const stream = {
    offer: (batch: StoreEvent[]) => seen.push(...batch.map((e) => e.revision)),
    progress: () => undefined,
    stop: () => undefined,
  } as unknown as WatchStream;
  tailer.add(stream);
  return { tailer, reads, seen };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('EventTailer', () => {
  it('dispatches this process’s contiguous commits without reading history', async () => {
    const { tailer, reads, seen } = await setup(13);
    tailer.committed(events(11, 12));
    tailer.committed(events(13));
    await settle();
    expect(seen).toEqual([11, 12, 13]);
    expect(reads).toEqual([]);
    tailer.stop();
  });

  it('fills a gap before a local commit from history, delivering each revision once', async () => {
    const { tailer, reads, seen } = await setup(15);
    tailer.committed(events(11));
    tailer.committed(events(14, 15));
    await settle();
    expect(seen).toEqual([11, 12, 13, 14, 15]);
    expect(reads).toEqual([11]);
    tailer.committed(events(14, 15));
    await settle();
    expect(seen).toEqual([11, 12, 13, 14, 15]);
    tailer.stop();
  });

  it('reads history for another process’s commit and drops local events it already delivered', async () => {
    const { tailer, reads, seen } = await setup(13);
    tailer.notify(12);
    tailer.committed(events(13));
    tailer.committed(events(12));
    await settle();
    await settle();
    expect(seen).toEqual([11, 12, 13]);
    expect(reads).toEqual([10]);
    tailer.notify(12);
    await settle();
    expect(reads).toEqual([10]);
    tailer.stop();
  });
});
