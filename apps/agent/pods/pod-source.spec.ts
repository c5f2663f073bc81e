import { FakeResourceClient } from '../testing/fake-resource-client';
import { startPodSource } from './pod-source';
import type { Pod } from './pod-types';

const pod = (name: string, rv: string) => ({ metadata: { namespace: 'ns1', name, resourceVersion: rv } }) as Pod;

describe('startPodSource', () => {
  it('lists, watches from the list, resumes after a break and lists again when the version expired', async () => {
    let lists = 0;
    const client = new FakeResourceClient(() => ({
      metadata: { resourceVersion: ++lists === 1 ? '10' : '20' },
      items: [pod('a', lists === 1 ? '9' : '19')],
    }));
    const seen: string[] = [];
    const source = startPodSource(
      { client, nodeName: 'n1' },
      {
        onList: (pods) => seen.push(`list ${pods.map((p) => p.metadata.name).join(',')}`),
        onPod: (p, deleted) =>
          seen.push(`${deleted ? 'deleted' : 'pod'} ${p.metadata.name} ${p.metadata.resourceVersion}`),
      },
    );

    const first = await client.watchOpened(1);
    expect(first.options).toEqual({
      fieldSelector: 'spec.nodeName=n1',
      resourceVersion: '10',
      allowWatchBookmarks: true,
      timeoutSeconds: 300,
    });
    expect(client.calls[0]).toEqual({
      resource: 'pods',
      verb: 'list',
      args: [undefined, { fieldSelector: 'spec.nodeName=n1' }],
    });
    first.send({ type: 'MODIFIED', object: pod('a', '11') });
    first.send({ type: 'BOOKMARK', object: pod('', '12') });
    first.end('closed');

    const second = await client.watchOpened(2);
    expect(second.options.resourceVersion).toBe('12');
    second.send({ type: 'DELETED', object: pod('a', '13') });
    second.send({
      type: 'ERROR',
      object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 410 },
    });
    second.end('expired');

    const third = await client.watchOpened(3);
    expect(third.options.resourceVersion).toBe('20');
    await source.stop();
    expect(await third.done).toBe('stopped');
    expect(seen).toEqual(['list a', 'pod a 11', 'deleted a 13', 'list a']);
    expect(lists).toBe(2);
  });
});
