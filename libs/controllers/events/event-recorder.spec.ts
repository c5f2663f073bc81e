import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { mergePatchType } from '@kubenest/apimachinery/patch';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { ClientEventRecorder, EventType, InvolvedObject } from './event-recorder';

const rs: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { namespace: 'ns', name: 'web', uid: 'u1' },
};
const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'u2' } };

type Rec = [KubeObject, EventType, string, string];

describe('ClientEventRecorder', () => {
  it.each<{ name: string; events: Rec[]; want: string[] }>([
    {
      name: 'one event',
      events: [[rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-1']],
      want: ['ns ReplicaSet/web Normal SuccessfulCreate "Created pod: web-1" x1'],
    },
    {
      name: 'repeats aggregate into one count',
      events: [
        [rs, 'Warning', 'FailedCreate', 'quota'],
        [rs, 'Warning', 'FailedCreate', 'quota'],
        [rs, 'Warning', 'FailedCreate', 'quota'],
      ],
      want: ['ns ReplicaSet/web Warning FailedCreate "quota" x3'],
    },
    {
      name: 'another message, reason or type is another event',
      events: [
        [rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-1'],
        [rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-2'],
        [rs, 'Normal', 'SuccessfulDelete', 'Created pod: web-2'],
        [rs, 'Warning', 'SuccessfulDelete', 'Created pod: web-2'],
      ],
      want: [
        'ns ReplicaSet/web Normal SuccessfulCreate "Created pod: web-1" x1',
        'ns ReplicaSet/web Normal SuccessfulCreate "Created pod: web-2" x1',
        'ns ReplicaSet/web Normal SuccessfulDelete "Created pod: web-2" x1',
        'ns ReplicaSet/web Warning SuccessfulDelete "Created pod: web-2" x1',
      ],
    },
    {
      name: "a cluster-scoped object's events go to default",
      events: [[node, 'Normal', 'NodeReady', 'ready']],
      want: ['default Node/n1 Normal NodeReady "ready" x1'],
    },
  ])('$name', async ({ events, want }) => {
    const client = new FakeResourceClient();
    let now = Date.UTC(2026, 0, 1);
    const recorder = new ClientEventRecorder({ client, component: 'replicaset-controller', now: () => (now += 1000) });
    for (const e of events) recorder.event(...e);
    await recorder.flush();
    const list = await client.resource<KubeObject>(resources.events).list(undefined);
    expect(
      list.items.map((e) => {
        const o = e.involvedObject as KubeObject['metadata'] & { kind: string };
        return `${e.metadata.namespace} ${o.kind}/${o.name} ${e.type} ${e.reason} "${e.message}" x${e.count}`;
      }),
    ).toEqual(want);
  });

  it('moves lastTimestamp on a repeat and keeps firstTimestamp; names and sources the event as kube', async () => {
    const client = new FakeResourceClient();
    let now = Date.UTC(2026, 0, 1);
    const recorder = new ClientEventRecorder({
      client,
      component: 'replicaset-controller',
      host: 'h1',
      now: () => now,
    });
    recorder.event(rs, 'Normal', 'Scaled', 'up');
    now += 60_000;
    recorder.event(rs, 'Normal', 'Scaled', 'up');
    await recorder.flush();
    const [e] = (await client.resource<KubeObject>(resources.events).list('ns')).items;
    expect(e).toMatchObject({
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:01:00Z',
      count: 2,
      source: { component: 'replicaset-controller', host: 'h1' },
      involvedObject: { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'ns', name: 'web', uid: 'u1' },
    });
    expect(e.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
  });

  it('starts a new event when the aggregated one is gone', async () => {
    const client = new FakeResourceClient();
    const recorder = new ClientEventRecorder({ client, component: 'c' });
    recorder.event(rs, 'Normal', 'Scaled', 'up');
    await recorder.flush();
    const [first] = (await client.resource(resources.events).list('ns')).items;
    await client.resource(resources.events).delete('ns', first.metadata.name!);
    recorder.event(rs, 'Normal', 'Scaled', 'up');
    await recorder.flush();
    const after = (await client.resource<KubeObject>(resources.events).list('ns')).items;
    expect(after.map((e) => e.count)).toEqual([1]);
  });

  it('never throws into the loop: a failed write is logged and later events still go out', async () => {
    const client = new FakeResourceClient();
    let fail = true;
    client.addReactor((a) => {
      if (fail && a.verb === 'create') throw StatusError.forbidden({ group: '', resource: 'events' }, '', 'denied');
    });
    const warnings: string[] = [];
    const logger = { warn: (m: string) => warnings.push(m) } as never;
    const recorder = new ClientEventRecorder({ client, component: 'c', logger });
    expect(() => recorder.event(rs, 'Normal', 'Scaled', 'up')).not.toThrow();
    await recorder.flush();
    fail = false;
    recorder.event(rs, 'Normal', 'Scaled', 'down');
    await recorder.flush();
    expect(warnings).toEqual([expect.stringContaining('could not record event Scaled on ReplicaSet web')]);
    expect((await client.resource(resources.events).list('ns')).items).toHaveLength(1);
  });

  it('counts a repeat by merge-patching the event it created', async () => {
    const client = new FakeResourceClient();
    let now = Date.parse('2026-01-02T03:04:05.678Z');
    const recorder = new ClientEventRecorder({ client, component: 'c', now: () => now });
    recorder.event(rs, 'Warning', 'BackOff', 'again');
    now += 10_000;
    recorder.event(rs, 'Warning', 'BackOff', 'again');
    recorder.event(rs, 'Warning', 'BackOff', 'again');
    await recorder.flush();
    const [created, ...patched] = client.actions;
    expect(created.verb).toBe('create');
    expect(patched.map((a) => [a.verb, a.name, a.patchType, a.patch])).toEqual([
      [
        'patch',
        created.object!.metadata.name,
        mergePatchType,
        { count: 2, lastTimestamp: '2026-01-02T03:04:15Z', message: 'again' },
      ],
      [
        'patch',
        created.object!.metadata.name,
        mergePatchType,
        { count: 3, lastTimestamp: '2026-01-02T03:04:15Z', message: 'again' },
      ],
    ]);
  });

  const container = (obj: KubeObject, fieldPath: string): InvolvedObject => ({ ...obj, fieldPath });
  it.each([
    { name: 'another part of the object (fieldPath)', first: container(rs, 'a'), second: container(rs, 'b') },
    { name: 'another uid', first: rs, second: { ...rs, metadata: { ...rs.metadata, uid: 'u9' } } },
  ])('creates a new event for $name, under another name', async ({ first, second }) => {
    const client = new FakeResourceClient();
    const recorder = new ClientEventRecorder({ client, component: 'c', now: () => 0 });
    recorder.event(first, 'Normal', 'Scaled', 'up');
    recorder.event(second, 'Normal', 'Scaled', 'up');
    await recorder.flush();
    const names = client.actions.map((a) => [a.verb, a.object?.metadata.name]);
    expect(names.map(([verb]) => verb)).toEqual(['create', 'create']);
    expect(names[0][1]).not.toBe(names[1][1]);
  });

  it('writes the event of a repeat again with its name and count when asked to keep counts, as client-go', async () => {
    const client = new FakeResourceClient();
    const recorder = new ClientEventRecorder({ client, component: 'kubelet', keepCountWhenGone: true });
    recorder.event(rs, 'Normal', 'Started', 'main');
    await recorder.flush();
    const [first] = (await client.resource(resources.events).list('ns')).items;
    await client.resource(resources.events).delete('ns', first.metadata.name!);
    recorder.event(rs, 'Normal', 'Started', 'main');
    await recorder.flush();
    const after = (await client.resource<KubeObject>(resources.events).list('ns')).items;
    expect(after).toMatchObject([{ metadata: { name: first.metadata.name }, count: 2 }]);
  });

  it('creates again after a failed create rather than patching an event that does not exist', async () => {
    const client = new FakeResourceClient();
    let fail = true;
    client.addReactor((a) => {
      if (fail && a.verb === 'create') throw new Error('timeout');
    });
    const recorder = new ClientEventRecorder({ client, component: 'c', logger: { warn: () => undefined } as never });
    recorder.event(rs, 'Normal', 'Scaled', 'up');
    await recorder.flush();
    fail = false;
    recorder.event(rs, 'Normal', 'Scaled', 'up');
    await recorder.flush();
    expect(client.actions.map((a) => a.verb)).toEqual(['create', 'create']);
    expect((await client.resource(resources.events).list('ns')).items).toHaveLength(1);
  });
});
