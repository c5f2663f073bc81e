// How a watch answer waits for a client that reads slowly: each full buffer holds the next event
// until the response drains or closes, and what it waited with is gone once it has.
import { EventEmitter } from 'node:events';
import { IncomingMessage, ServerResponse } from 'node:http';
import { PreparedWatch, Strategy, WatchSink } from '@kubenest/registry';
import { streamWatch } from './watch-stream';

const slowClient = () => {
  const res = Object.assign(new EventEmitter(), {
    writableEnded: false,
    statusCode: 0,
    setHeader: () => undefined,
    flushHeaders: () => undefined,
    // Every line fills the client's buffer.
    write: () => false,
    end: () => undefined,
  });
  return res;
};

describe('streamWatch', () => {
  it('leaves no listener behind on the response for each time the client caught up', async () => {
    let sink: WatchSink | undefined;
    const prepared: PreparedWatch = {
      start: (s: WatchSink) => {
        sink = s;
        return { done: new Promise(() => undefined), unsubscribe: () => undefined };
      },
    };
    const res = slowClient();
    const req = new EventEmitter() as IncomingMessage;
    streamWatch({} as Strategy, prepared, { table: false } as never, req, res as unknown as ServerResponse);
    const listeners = () => res.listenerCount('drain') + res.listenerCount('close');
    const idle = listeners();

    for (let i = 0; i < 50; i++) {
      const waiting = sink!({ type: 'ADDED', object: { metadata: { name: `o${i}`, resourceVersion: String(i) } } });
      expect(waiting).toBeInstanceOf(Promise);
      res.emit('drain');
      await waiting;
    }
    expect(listeners()).toBe(idle);

    const closing = sink!({ type: 'ADDED', object: { metadata: { name: 'last', resourceVersion: '50' } } });
    res.emit('close');
    await closing;
    expect(listeners()).toBe(idle);
  });
});
