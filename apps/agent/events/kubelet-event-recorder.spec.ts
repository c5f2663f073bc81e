import { KubeObject } from '@kubenest/apimachinery';
import { mergePatchType } from '@kubenest/apimachinery/patch';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { KubeletEventRecorder } from './kubelet-event-recorder';
import { backOff, started } from './kubelet-events';

const pod = { name: 'web', namespace: 'shop', uid: 'u-1' };
const subject = { pod, fieldPath: 'spec.containers{main}' };

describe('KubeletEventRecorder', () => {
  const clock = Date.parse('2026-01-02T03:04:05.678Z');
  const now = () => clock;

  it("creates a kubelet event about the container in the pod's namespace", async () => {
    const client = new FakeResourceClient();
    const recorder = new KubeletEventRecorder({ client, node: 'n1', now });
    recorder.record(subject, started('main'));
    await recorder.flush();
    expect(client.actions).toEqual([
      {
        verb: 'create',
        resource: resources.events,
        namespace: 'shop',
        object: {
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
      },
    ]);
  });

  it("merge-patches a repeated event's count", async () => {
    const client = new FakeResourceClient();
    const recorder = new KubeletEventRecorder({ client, node: 'n1', now });
    recorder.record(subject, backOff('main', pod));
    recorder.record(subject, backOff('main', pod));
    await recorder.flush();
    const [created, patched] = client.actions;
    expect(patched).toMatchObject({
      verb: 'patch',
      resource: resources.events,
      namespace: 'shop',
      name: created.object!.metadata.name,
      patchType: mergePatchType,
      patch: { count: 2 },
    });
  });

  it('writes a repeat again when its event is gone, keeping the count', async () => {
    const client = new FakeResourceClient();
    const recorder = new KubeletEventRecorder({ client, node: 'n1', now });
    recorder.record(subject, started('main'));
    await recorder.flush();
    const events = client.resource<KubeObject>(resources.events);
    const [first] = (await events.list('shop')).items;
    await events.delete('shop', first.metadata.name!);
    recorder.record(subject, started('main'));
    await recorder.flush();
    expect((await events.list('shop')).items).toMatchObject([{ metadata: { name: first.metadata.name }, count: 2 }]);
  });
});
