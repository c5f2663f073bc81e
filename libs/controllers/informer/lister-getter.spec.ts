import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { Indexer } from './indexer';
import { listerGetter } from './lister-getter';

const ns = (name: string, phase = 'Active'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
  status: { phase },
});

describe('listerGetter', () => {
  it.each([
    { name: 'held by the informer', held: [ns('a', 'Held')], live: [ns('a', 'Live')], want: 'Held', reads: 0 },
    { name: 'not held yet: a live read', held: [], live: [ns('a', 'Live')], want: 'Live', reads: 1 },
    { name: 'nowhere', held: [], live: [], want: undefined, reads: 1 },
  ])('$name', async (c) => {
    const indexer = new Indexer();
    for (const obj of c.held) indexer.set(obj);
    const client = new FakeResourceClient();
    client.seed(resources.namespaces, ...c.live);
    const got = await listerGetter(indexer, client.resource(resources.namespaces))(undefined, 'a');
    expect((got?.status as { phase?: string } | undefined)?.phase).toBe(c.want);
    expect(client.actions.filter((a) => a.verb === 'get')).toHaveLength(c.reads);
  });

  it('passes on a failure other than NotFound', async () => {
    const client = new FakeResourceClient();
    client.addReactor(() => {
      throw StatusError.forbidden({ group: '', resource: 'namespaces' }, 'a', 'no');
    });
    await expect(
      listerGetter(new Indexer(), client.resource(resources.namespaces))(undefined, 'a'),
    ).rejects.toMatchObject({
      code: 403,
    });
  });
});
