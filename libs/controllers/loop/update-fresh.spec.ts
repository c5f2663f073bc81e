import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { updateFresh } from './update-fresh';

const cm = (data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'ns' },
  data,
});

const conflict = () => StatusError.conflict({ group: '', resource: 'configmaps' }, 'c', 'changed meanwhile');

describe('updateFresh', () => {
  it.each([
    { name: 'written at once', conflicts: 0, subresource: undefined, updates: 1, fails: false, want: 'data' },
    { name: 'through a subresource', conflicts: 0, subresource: 'status', updates: 1, fails: false, want: 'status' },
    {
      name: 'read again after two conflicts',
      conflicts: 2,
      subresource: undefined,
      updates: 3,
      fails: false,
      want: 'data',
    },
    { name: 'given up after five conflicts', conflicts: 5, subresource: undefined, updates: 5, fails: true, want: '' },
  ])('$name', async (c) => {
    const client = new FakeResourceClient();
    client.seed(resources.configMaps, cm({ n: '0' }));
    let conflicts = c.conflicts;
    client.addReactor((action) => {
      if (action.verb === 'update' && conflicts-- > 0) throw conflict();
    });
    const write = updateFresh(client.resource(resources.configMaps), c.subresource)('ns', 'c', (current) => {
      const obj = current as KubeObject & { data: Record<string, string>; status?: object };
      obj.data.n = 'written';
      obj.status = { n: 'written' };
    });
    if (c.fails) await expect(write).rejects.toMatchObject({ code: 409 });
    else expect(await write).toMatchObject({ [c.want]: { n: 'written' } });
    const updates = client.actions.filter((a) => a.verb === 'update');
    expect(updates).toHaveLength(c.updates);
    expect(updates.map((a) => a.subresource)).toEqual(updates.map(() => c.subresource));
    expect(client.actions.filter((a) => a.verb === 'get')).toHaveLength(c.updates);
  });

  it('passes on any other failure at once', async () => {
    const client = new FakeResourceClient();
    client.seed(resources.configMaps, cm({}));
    client.addReactor((action) => {
      if (action.verb === 'update') throw StatusError.forbidden({ group: '', resource: 'configmaps' }, 'c', 'no');
    });
    await expect(updateFresh(client.resource(resources.configMaps))('ns', 'c', () => undefined)).rejects.toMatchObject({
      code: 403,
    });
    expect(client.actions.filter((a) => a.verb === 'update')).toHaveLength(1);
  });
});
