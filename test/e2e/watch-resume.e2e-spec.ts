// Watches across an apiserver restart, and the watch parameters a client can get wrong. Two
// apiservers on one database: A is stopped and started again on its data dir while B takes the
// writes; a watch, kubectl and a client-node informer resumed on A from before its restart get
// every change they missed, from the store's history, with no 410 and no re-list. A watch with a
// bad resourceVersion, resourceVersionMatch, sendInitialEvents or timeoutSeconds is refused as
// kube-apiserver refuses it, and a watch of events larger than its buffer leaves nothing behind
// per event (tried on B).
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { Kubectl } from '@kubenest/testing/kubectl';
import { TestPostgres, startTestPostgres } from '@kubenest/testing/postgres';
import { waitFor } from '@kubenest/testing/wait';
import { ApiClient, apiClient, configMap, configMapsPath, createNamespace } from './resilience-support/api-client';
import { Change, checkDelivery } from './resilience-support/delivery-check';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';
import { RecordedEvent, recordWatch } from './resilience-support/watch-recorder';
import { httpsRequest } from './support/https-client';
import { startJsonLinesProcess } from './support/json-lines-process';

interface InformerEvent {
  type: 'ready' | 'connect' | 'error' | 'add' | 'update' | 'delete';
  name?: string;
  labels?: Record<string, string>;
}

const asChanges = (events: RecordedEvent[]): Change[] =>
  events.map((e) => ({ type: e.type, name: e.name, resourceVersion: e.resourceVersion }));

/** The informer's adds and deletes, and its updates that change pod web's label v (a status write may come too). */
const podChanges = (events: InformerEvent[]): string[] => {
  let v: string | undefined;
  return events.flatMap((e) => {
    if (e.type === 'add' || e.type === 'delete' || (e.type === 'update' && e.name === 'web' && e.labels?.v !== v)) {
      if (e.name === 'web') v = e.labels?.v;
      return [`${e.type} ${e.name}${e.name === 'web' ? ` v=${v}` : ''}`];
    }
    return [];
  });
};

const pod = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'main', image: 'busybox' }] },
});

describe('watches across an apiserver restart', () => {
  let pg: TestPostgres;
  let a: KubenestProcess;
  let b: KubenestProcess;
  let apiA: ApiClient;
  let apiB: ApiClient;
  let kubectl: Kubectl;

  beforeAll(async () => {
    pg = await startTestPostgres();
    [a, b] = await Promise.all([
      launchKubenest({ env: { DATABASE_URL: pg.url } }),
      launchKubenest({ env: { DATABASE_URL: pg.url } }),
    ]);
    apiA = apiClient(a);
    apiB = apiClient(b);
    kubectl = new Kubectl(a.kubeconfig, 33);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.destroy(), b?.destroy()]);
    await pg?.stop();
    if (kubectl) rmSync(kubectl.cacheDir, { recursive: true, force: true });
  });

  it('a watch, kubectl and an informer resumed on a restarted apiserver get every change they missed', async () => {
    const ns = 'resume';
    await createNamespace(apiA, ns);
    const path = configMapsPath(ns);
    const acked: Change[] = [];
    const write = async (api: ApiClient, type: string, method: string, name: string, body?: unknown) => {
      const answer = await api.ok(method, method === 'POST' ? path : `${path}/${name}`, body);
      // A DELETE of a ConfigMap answers a Status, which carries no resourceVersion.
      acked.push({ type, name, resourceVersion: answer.kind === 'ConfigMap' ? answer.metadata.resourceVersion : '' });
    };
    await apiA.ok('POST', path, configMap('early', { v: '1' }));
    const listRv: string = (await apiA.ok('GET', path)).metadata.resourceVersion;
    const watch = recordWatch(a, path, listRv);
    const informer = startJsonLinesProcess<InformerEvent>(join(__dirname, 'support', 'informer.mjs'), [
      a.kubeconfig,
      ns,
    ]);
    try {
      await informer.waitForEvent('the informer to list and start watching', (e) => e.type === 'ready');
      await apiA.ok('POST', `/api/v1/namespaces/${ns}/pods`, pod('web', { v: '0' }));
      await informer.waitForEvent('add of pod web', (e) => e.type === 'add' && e.name === 'web');
      await write(apiA, 'MODIFIED', 'PATCH', 'early', { data: { v: '2' } });
      await write(apiA, 'ADDED', 'POST', 'labelled', {
        ...configMap('labelled'),
        metadata: { name: 'labelled', labels: { tier: 'web' } },
      });
      await waitFor(
        'the watch to deliver the writes before the restart',
        () => watch.changes().length === acked.length,
      );

      await a.interrupt({ timeoutMs: 20_000 });
      // While A is down, B takes the writes: changes, label transitions, a short-lived object.
      await write(apiB, 'MODIFIED', 'PATCH', 'labelled', { data: { v: '1' } });
      await write(apiB, 'ADDED', 'POST', 'brief', configMap('brief'));
      await write(apiB, 'MODIFIED', 'PATCH', 'labelled', { metadata: { labels: { tier: 'db' } } });
      await write(apiB, 'DELETED', 'DELETE', 'brief');
      await write(apiB, 'MODIFIED', 'PATCH', 'early', { metadata: { labels: { tier: 'web' } } });
      await write(apiB, 'DELETED', 'DELETE', 'labelled');
      await apiB.ok('PATCH', `/api/v1/namespaces/${ns}/pods/web`, { metadata: { labels: { v: '1' } } });
      await apiB.ok('POST', `/api/v1/namespaces/${ns}/pods`, pod('brief'));
      await apiB.ok('PATCH', `/api/v1/namespaces/${ns}/pods/web`, { metadata: { labels: { v: '2' } } });
      await apiB.ok('DELETE', `/api/v1/namespaces/${ns}/pods/brief`);

      // A's new watch cache starts at the current revision: every change above is before it.
      a = await launchKubenest({ dataDir: a.dataDir, port: a.port, env: { DATABASE_URL: pg.url } });
      apiA = apiClient(a);
      await write(apiA, 'ADDED', 'POST', 'after', configMap('after'));

      // The HTTPS watch re-watches from its last resourceVersion, as an informer does.
      await waitFor(
        'the resumed watch to deliver every change',
        () => watch.changes().length >= acked.length,
        60_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message}\n${watch.describe()}`);
      });
      const report = checkDelivery(asChanges(watch.changes()), acked);
      expect({ problems: report.problems, extra: report.unacknowledgedDelivered }).toEqual({ problems: [], extra: [] });
      expect(watch.errors()).toEqual([]);

      // The real kubectl, watching from before the writes made on A before its restart, with a
      // label selector: the selected changes only, an object leaving the selection as DELETED,
      // one entering it as ADDED.
      const raw = await kubectl.ok([
        'get',
        '--raw',
        `${path}?watch=true&resourceVersion=${listRv}&labelSelector=tier%3Dweb&timeoutSeconds=3`,
      ]);
      const selected = raw
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; object: { metadata: { name: string; labels?: object } } })
        .map((e) => `${e.type} ${e.object.metadata.name} ${JSON.stringify(e.object.metadata.labels ?? {})}`);
      expect(selected).toEqual([
        'ADDED labelled {"tier":"web"}',
        'MODIFIED labelled {"tier":"web"}',
        'DELETED labelled {"tier":"web"}',
        'ADDED early {"tier":"web"}',
      ]);

      // client-node's informer restarts after the connection error and watches on from its
      // resourceVersion: each missed change, not a re-list's summary of them.
      await informer.waitForEvent(
        'the informer to see the missed changes',
        (e) => e.type === 'update' && e.name === 'web' && e.labels?.v === '2',
        60_000,
      );
      expect(podChanges(informer.events())).toEqual([
        'add web v=0',
        'update web v=1',
        'add brief',
        'update web v=2',
        'delete brief',
      ]);
    } finally {
      watch.stop();
      await informer.stop();
    }
  }, 240_000);

  // The parameters a client can get wrong, tried on B.
  const path = configMapsPath('default');
  const answer = async (query: string) => {
    // A bad parameter once started a watch that never ended: the timeout turns that into a failure.
    const res = await httpsRequest(b, { path: `${path}?${query}`, token: b.token, timeoutMs: 5_000 });
    const body = res.json();
    return { status: res.status, reason: body.reason, message: body.message };
  };

  it.each(['abc', '-1', '1e3', '1.5', '99999999999999999999'])(
    'resourceVersion=%s is 400 for a watch, as for a list',
    async (rv) => {
      const why = rv === '99999999999999999999' ? 'value out of range' : 'invalid syntax';
      const refusal = {
        status: 400,
        reason: 'BadRequest',
        message: `invalid resource version: resourceVersion: Invalid value: "${rv}": strconv.ParseUint: parsing "${rv}": ${why}`,
      };
      expect(await answer(`watch=true&resourceVersion=${rv}`)).toEqual(refusal);
      expect(
        await answer(`watch=true&resourceVersion=${rv}&sendInitialEvents=true&resourceVersionMatch=NotOlderThan`),
      ).toEqual(refusal);
      expect(await answer(`resourceVersion=${rv}`)).toEqual(refusal);
    },
  );

  it.each([
    {
      query: 'watch=true&resourceVersionMatch=NotOlderThan&resourceVersion=1',
      message:
        'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    },
    {
      query: 'watch=true&sendInitialEvents=true',
      message:
        'resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    },
    {
      query: 'watch=true&sendInitialEvents=true&resourceVersionMatch=Exact&resourceVersion=1',
      message: `[resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan, resourceVersionMatch: Unsupported value: "Exact": supported values: "NotOlderThan"]`,
    },
  ])('$query is 422', async ({ query, message }) => {
    expect(await answer(query)).toEqual({
      status: 422,
      reason: 'Invalid',
      message: `ListOptions.meta.k8s.io "" is invalid: ${message}`,
    });
  });

  it.each([
    { value: 'abc', message: 'strconv.ParseInt: parsing "abc": invalid syntax' },
    { value: '1.5', message: 'strconv.ParseInt: parsing "1.5": invalid syntax' },
    { value: '99999999999999999999', message: 'strconv.ParseInt: parsing "99999999999999999999": value out of range' },
  ])('timeoutSeconds=$value is 400', async ({ value, message }) => {
    expect(await answer(`watch=true&timeoutSeconds=${value}`)).toEqual({ status: 400, reason: 'BadRequest', message });
  });

  it('a watch whose client takes each large event in its own time leaves nothing behind per event', async () => {
    const ns = 'large-events';
    await createNamespace(apiB, ns);
    const rv: string = (await apiB.ok('GET', configMapsPath(ns))).metadata.resourceVersion;
    const watch = recordWatch(b, configMapsPath(ns), rv);
    try {
      // An event of 256 KiB outgrows the response's buffer: the watch waits for it to drain.
      for (let i = 0; i < 15; i++) {
        await apiB.ok('POST', configMapsPath(ns), configMap(`large-${i}`, { blob: 'x'.repeat(256 * 1024) }));
      }
      await waitFor('the watch to deliver the creates', () => watch.changes().length === 15);
    } finally {
      watch.stop();
    }
    // Unfixed, each wait left a 'close' listener on the response, and Node warns at the eleventh.
    expect(b.output()).not.toContain('MaxListenersExceededWarning');
  });

  it('timeoutSeconds=0 is a watch with the default timeout, not one that ends at once', async () => {
    const rv: string = (await apiB.ok('GET', path)).metadata.resourceVersion;
    const watch = recordWatch(b, path, rv, 0);
    try {
      await new Promise((r) => setTimeout(r, 1_500));
      await apiB.ok('POST', path, configMap('zero-timeout'));
      await waitFor('the watch to deliver the create', () => watch.changes().some((e) => e.name === 'zero-timeout'));
      expect(watch.attempts().map((a) => ({ status: a.status, detail: a.detail }))).toEqual([
        { status: 200, detail: '' },
      ]);
    } finally {
      watch.stop();
    }
  });
});
