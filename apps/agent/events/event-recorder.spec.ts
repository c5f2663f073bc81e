import { StatusError } from '@kubenest/apimachinery';
import type { CoreV1Event } from './event-object';
import { EventRecorder } from './event-recorder';
import type { EventSink } from './event-sink';
import { backOff, started } from './kubelet-events';

const pod = { name: 'web', namespace: 'shop', uid: 'u-1' };
const subject = { pod, fieldPath: 'spec.containers{main}' };

const fakeSink = (fail?: { create?: Error; patch?: Error }) => {
  const created: CoreV1Event[] = [];
  const patched: { namespace: string; name: string; patch: Partial<CoreV1Event> }[] = [];
  const sink: EventSink = {
    create: async (_ns, event) => {
      if (fail?.create) throw fail.create;
      created.push(event);
    },
    patch: async (namespace, name, patch) => {
      if (fail?.patch) throw fail.patch;
      patched.push({ namespace, name, patch });
    },
  };
  return { sink, created, patched };
};

describe('EventRecorder', () => {
  let clock = Date.parse('2026-01-02T03:04:05.678Z');
  const now = () => clock;

  it('creates a kubelet event about the container', async () => {
    const { sink, created } = fakeSink();
    const recorder = new EventRecorder({ sink, node: 'n1', now });
    recorder.record(subject, started('main'));
    await recorder.flush();
    expect(created).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `web.${(BigInt(clock) * 1_000_000n).toString(16)}`, namespace: 'shop' },
        involvedObject: {
          kind: 'Pod',
          apiVersion: 'v1',
          name: 'web',
          namespace: 'shop',
          uid: 'u-1',
          fieldPath: 'spec.containers{main}',
        },
        reason: 'Started',
        message: 'Started container main',
        type: 'Normal',
        source: { component: 'kubelet', host: 'n1' },
        reportingComponent: 'kubelet',
        reportingInstance: 'n1',
        count: 1,
        firstTimestamp: '2026-01-02T03:04:05Z',
        lastTimestamp: '2026-01-02T03:04:05Z',
      },
    ]);
  });

  it('counts a repeat by patching the event it created', async () => {
    const { sink, created, patched } = fakeSink();
    const recorder = new EventRecorder({ sink, node: 'n1', now });
    recorder.record(subject, backOff('main', pod));
    clock += 10_000;
    recorder.record(subject, backOff('main', pod));
    recorder.record(subject, backOff('main', pod));
    await recorder.flush();
    expect(created).toHaveLength(1);
    expect(patched.map((p) => [p.name, p.patch.count])).toEqual([
      [created[0].metadata.name, 2],
      [created[0].metadata.name, 3],
    ]);
    expect(patched[0].patch.lastTimestamp).toBe('2026-01-02T03:04:15Z');
  });

  it.each([
    { name: 'another reason', second: started('main'), other: subject },
    { name: 'another container', second: backOff('main', pod), other: { pod, fieldPath: 'spec.containers{side}' } },
    {
      name: 'another pod uid',
      second: backOff('main', pod),
      other: { pod: { ...pod, uid: 'u-2' }, fieldPath: subject.fieldPath },
    },
  ])('creates a new event for $name', async ({ second, other }) => {
    const { sink, created, patched } = fakeSink();
    const recorder = new EventRecorder({ sink, node: 'n1', now });
    recorder.record(subject, backOff('main', pod));
    recorder.record(other, second);
    await recorder.flush();
    expect(created).toHaveLength(2);
    expect(created[0].metadata.name).not.toBe(created[1].metadata.name);
    expect(patched).toHaveLength(0);
  });

  it('writes a repeat again when its event is gone, keeping the count', async () => {
    const first = fakeSink();
    const gone = fakeSink({ patch: new StatusError(404, 'NotFound', 'events "x" not found') });
    let sink: EventSink = first.sink;
    const recorder = new EventRecorder({
      sink: { create: (n, e) => sink.create(n, e), patch: (n, m, p) => sink.patch(n, m, p) },
      node: 'n1',
      now,
    });
    recorder.record(subject, started('main'));
    await recorder.flush();
    sink = gone.sink;
    recorder.record(subject, started('main'));
    await recorder.flush();
    expect(gone.created).toMatchObject([{ metadata: { name: first.created[0].metadata.name }, count: 2 }]);
  });

  it('never throws and keeps going when the API server fails', async () => {
    const { sink } = fakeSink({ create: new Error('connection refused') });
    const recorder = new EventRecorder({ sink, node: 'n1', now });
    expect(() => recorder.record(subject, started('main'))).not.toThrow();
    await expect(recorder.flush()).resolves.toBeUndefined();
    const ok = fakeSink();
    const later = new EventRecorder({ sink: ok.sink, node: 'n1', now });
    later.record(subject, started('main'));
    await later.flush();
    expect(ok.created).toHaveLength(1);
  });

  it('creates again after a failed create rather than patching an event that does not exist', async () => {
    let fail = true;
    const created: CoreV1Event[] = [];
    const patched: string[] = [];
    const sink: EventSink = {
      create: async (_ns, e) => {
        if (fail) throw new Error('timeout');
        created.push(e);
      },
      patch: async (_ns, name) => void patched.push(name),
    };
    const recorder = new EventRecorder({ sink, node: 'n1', now });
    recorder.record(subject, started('main'));
    await recorder.flush();
    fail = false;
    recorder.record(subject, started('main'));
    await recorder.flush();
    expect(created).toHaveLength(1);
    expect(patched).toHaveLength(0);
  });
});
