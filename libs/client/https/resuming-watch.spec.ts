import { ServerResponse } from 'node:http';
import { KubeObject } from '@kubenest/apimachinery';
import { WatchEvent, WatchOptions } from '../resource-client';
import { resources } from '../resources';
import { HttpsResourceClient } from './https-resource-client';
import { answer, SeenRequest, startTestServer, TestServer } from './testing/https-test-server';

const obj = (rv: string, name = `cm-${rv}`) => ({ metadata: { namespace: 'ns1', name, resourceVersion: rv } });
const line = (type: string, object: unknown) => `${JSON.stringify({ type, object })}\n`;
const expired = {
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  reason: 'Expired',
  message: 'too old',
  code: 410,
};

/** Answers the n-th watch request (0-based) with script[n]; later ones stay open and silent. */
const scripted = (script: ((res: ServerResponse) => void)[]) => (req: SeenRequest, res: ServerResponse, n: number) => {
  const step = script[n];
  if (step) return step(res);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.flushHeaders();
};

describe('HttpsResourceClient watch', () => {
  let server: TestServer;
  let client: HttpsResourceClient;

  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());
  afterEach(() => client.close());

  const start = (
    script: ((res: ServerResponse) => void)[],
    options: WatchOptions = { resourceVersion: '5', allowWatchBookmarks: true },
    maxWatchLineBytes?: number,
  ) => {
    server.seen.length = 0;
    const play = scripted(script);
    server.handle((req, res) => play(req, res, server.seen.length - 1));
    client = new HttpsResourceClient({ server: server.url, caPem: server.caPem, maxWatchLineBytes });
    const events: WatchEvent<KubeObject>[] = [];
    const watch = client.resource(resources.configMaps).watch('ns1', options, (e) => events.push(e));
    const versions = () => server.seen.map((r) => r.url.searchParams.get('resourceVersion'));
    const until = async (n: number) => {
      while (server.seen.length < n) await new Promise((r) => setTimeout(r, 10));
    };
    return { watch, events, versions, until };
  };

  const summary = (events: WatchEvent<KubeObject>[]) =>
    events.map(
      (e) => `${e.type} ${(e.object as KubeObject).metadata?.resourceVersion ?? (e.object as { code?: number }).code}`,
    );

  it('resumes from the last version seen after a drop, a normal end and a bookmark, missing and repeating nothing', async () => {
    const { watch, events, versions, until } = start([
      (res) => {
        res.writeHead(200);
        res.write(line('ADDED', obj('6')) + line('MODIFIED', obj('7')));
        setTimeout(() => res.socket?.destroy(), 20);
      },
      (res) => res.writeHead(200).end(line('DELETED', obj('8'))),
      (res) => res.writeHead(200).end(line('BOOKMARK', { metadata: { resourceVersion: '12' } })),
    ]);
    await until(4);
    watch.stop();
    expect(await watch.done).toBe('stopped');
    expect(versions()).toEqual(['5', '7', '8', '12']);
    expect(summary(events)).toEqual(['ADDED 6', 'MODIFIED 7', 'DELETED 8', 'BOOKMARK 12']);
    expect(server.seen[0].url.searchParams.get('watch')).toBe('true');
    expect(server.seen[0].url.searchParams.get('allowWatchBookmarks')).toBe('true');
  });

  it('retries an answer that may pass (503) from the same version', async () => {
    const { watch, versions, until } = start([(res) => answer(res, 503, { kind: 'Status', code: 503 })]);
    await until(2);
    watch.stop();
    expect(versions()).toEqual(['5', '5']);
  });

  it.each([
    { name: 'a 410 answer', script: [(res: ServerResponse) => answer(res, 410, expired)], want: ['ERROR 410'] },
    {
      name: 'a 410 ERROR event',
      script: [(res: ServerResponse) => res.writeHead(200).write(line('ADDED', obj('6')) + line('ERROR', expired))],
      want: ['ADDED 6', 'ERROR 410'],
    },
  ])('ends with expired on $name, telling the caller', async ({ script, want }) => {
    const { watch, events } = start(script);
    expect(await watch.done).toBe('expired');
    expect(summary(events)).toEqual(want);
    expect(server.seen).toHaveLength(1);
  });

  it('ends with failed on a refusal (403) without retrying', async () => {
    const { watch, events } = start([(res) => answer(res, 403, { kind: 'Status', reason: 'Forbidden', code: 403 })]);
    expect(await watch.done).toBe('failed');
    expect(summary(events)).toEqual(['ERROR 403']);
    expect(server.seen).toHaveLength(1);
  });

  it('refuses a line past the bound and does not come back for it', async () => {
    const { watch, events } = start(
      [(res) => res.writeHead(200).write(line('ADDED', obj('6')) + 'x'.repeat(300))],
      { resourceVersion: '5' },
      256,
    );
    expect(await watch.done).toBe('failed');
    expect(summary(events)).toEqual(['ADDED 6', 'ERROR 500']);
    expect((events[1].object as { message: string }).message).toMatch(/longer than 256 bytes/);
    expect(server.seen).toHaveLength(1);
  });

  it('ends with closed when it started without a version and cannot resume exactly', async () => {
    const { watch, events } = start(
      [(res) => res.writeHead(200).end(line('ADDED', obj('9')) + line('ADDED', obj('3')))],
      {},
    );
    expect(await watch.done).toBe('closed');
    expect(summary(events)).toEqual(['ADDED 9', 'ADDED 3']);
  });

  it('stops the watches still open when the client closes', async () => {
    const { watch, until } = start([]);
    await until(1);
    client.close();
    expect(await watch.done).toBe('stopped');
  });
});
