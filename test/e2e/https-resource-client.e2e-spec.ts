// The agent's ResourceClient over HTTPS against the running server: every verb with its options,
// Status answers as StatusErrors, and a watch that outlives the server's timeoutSeconds without
// missing or repeating an event.
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { jsonPatchType, mergePatchType, strategicMergePatchType } from '@kubenest/apimachinery/patch';
import { request } from 'node:https';
import { HttpsResourceClient, resources, WatchEvent } from '@kubenest/client';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';

const NS = 'https-client-e2e';
type ConfigMap = KubeObject & { data?: Record<string, string> };
type Pod = KubeObject & { status?: { phase?: string } };

const configMap = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace: NS, name, labels },
  data,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('HttpsResourceClient against the server', () => {
  let server: KubenestServer;
  let client: HttpsResourceClient;

  beforeAll(async () => {
    server = await startKubenest();
    client = new HttpsResourceClient({ server: server.url, caPem: server.caPem, bearerToken: server.token });
    await client.resource(resources.namespaces).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  it('creates, reads, lists, updates, patches and deletes', async () => {
    const cms = client.resource<ConfigMap>(resources.configMaps);
    const created = await cms.create(configMap('crud', { a: '1' }, { app: 'crud' }), { fieldManager: 'e2e' });
    expect(created.metadata.uid).toBeTruthy();
    expect((await cms.get(NS, 'crud')).data).toEqual({ a: '1' });
    expect((await cms.list(NS, { labelSelector: 'app=crud' })).items.map((c) => c.metadata.name)).toEqual(['crud']);
    expect((await cms.list(NS, { labelSelector: 'app=other' })).items).toEqual([]);

    const updated = await cms.update({ ...created, data: { a: '2' } });
    expect(updated.data).toEqual({ a: '2' });
    await expect(cms.update({ ...created, data: { a: '3' } })).rejects.toMatchObject({ code: 409, reason: 'Conflict' });

    expect((await cms.patch(NS, 'crud', mergePatchType, { data: { b: 'm' } })).data).toEqual({ a: '2', b: 'm' });
    expect((await cms.patch(NS, 'crud', strategicMergePatchType, { data: { c: 's' } })).data).toEqual({
      a: '2',
      b: 'm',
      c: 's',
    });
    const patched = await cms.patch(NS, 'crud', jsonPatchType, [{ op: 'remove', path: '/data/a' }]);
    expect(patched.data).toEqual({ b: 'm', c: 's' });

    await expect(cms.delete(NS, 'crud', { preconditions: { uid: 'not-its-uid' } })).rejects.toMatchObject({
      code: 409,
      reason: 'Conflict',
    });
    await cms.delete(NS, 'crud', { preconditions: { uid: created.metadata.uid } });
    const gone = await cms.get(NS, 'crud').catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(StatusError);
    expect(gone).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'configmaps "crud" not found',
      details: { name: 'crud', kind: 'configmaps' },
    });
  });

  it('refuses an unknown field when validation is Strict', async () => {
    const bad = { ...configMap('strict'), unknownField: 1 };
    const cms = client.resource<ConfigMap>(resources.configMaps);
    await expect(cms.create(bad, { fieldValidation: 'Strict' })).rejects.toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: expect.stringContaining('unknownField'),
    });
    await expect(cms.get(NS, 'strict')).rejects.toMatchObject({ code: 404 });
  });

  it('writes nothing on a dry run', async () => {
    const cms = client.resource<ConfigMap>(resources.configMaps);
    const answer = await cms.create(configMap('dry'), { dryRun: true });
    expect(answer.metadata.name).toBe('dry');
    await expect(cms.get(NS, 'dry')).rejects.toMatchObject({ code: 404 });
  });

  it('updates and patches a status subresource', async () => {
    const pods = client.resource<Pod>(resources.pods);
    const pod = await pods.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: NS, name: 'status' },
      // Of a scheduler no one runs: the default scheduler would write its status meanwhile (no node fits).
      spec: { schedulerName: 'e2e-no-scheduler', containers: [{ name: 'c', image: 'busybox' }] },
    });
    const withStatus = await pods.updateStatus({ ...pod, status: { phase: 'Running' } });
    expect(withStatus.status?.phase).toBe('Running');
    const patched = await pods.patch(
      NS,
      'status',
      mergePatchType,
      { status: { phase: 'Succeeded' } },
      {
        subresource: 'status',
      },
    );
    expect(patched.status?.phase).toBe('Succeeded');
    await pods.delete(NS, 'status', { gracePeriodSeconds: 0 });
  });

  it('keeps watching across the server ending each watch after timeoutSeconds, missing and repeating nothing', async () => {
    // A plain watch with timeoutSeconds=1 ends within about a second: the client's has to resume.
    const lasted = await new Promise<number>((resolve, reject) => {
      const started = Date.now();
      const path = `/api/v1/namespaces/${NS}/configmaps?watch=true&timeoutSeconds=1`;
      const req = request(
        `${server.url}${path}`,
        { ca: server.caPem, headers: { authorization: `Bearer ${server.token}` } },
        (res) => res.resume().on('end', () => resolve(Date.now() - started)),
      );
      req.on('error', reject).end();
    });
    expect(lasted).toBeLessThan(3000);

    const cms = client.resource<ConfigMap>(resources.configMaps);
    const from = (await cms.list(NS)).metadata.resourceVersion;
    const events: string[] = [];
    const watch = cms.watch(NS, { resourceVersion: from, timeoutSeconds: 1 }, (e: WatchEvent<ConfigMap>) =>
      events.push(`${e.type} ${(e.object as ConfigMap).metadata.name}`),
    );
    // Each write lands after at least one server-side end of the watch before it.
    await cms.create(configMap('w1'));
    await sleep(1500);
    await cms.create(configMap('w2'));
    await sleep(1500);
    await cms.patch(NS, 'w1', mergePatchType, { data: { x: '1' } });
    await sleep(1500);
    await cms.delete(NS, 'w2');
    const deadline = Date.now() + 10_000;
    while (events.length < 4 && Date.now() < deadline) await sleep(50);
    await sleep(1500);
    watch.stop();
    expect(await watch.done).toBe('stopped');
    expect(events).toEqual(['ADDED w1', 'ADDED w2', 'MODIFIED w1', 'DELETED w2']);
  });
});
