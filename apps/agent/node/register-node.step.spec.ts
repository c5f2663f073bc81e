import { StatusError } from '@kubenest/apimachinery';
import { Node } from './node-object';
import { registerNode } from './register-node.step';

const node = (metadata: Node['metadata']): Node => ({ apiVersion: 'v1', kind: 'Node', metadata });
const wanted = node({ name: 'w1', labels: { 'kubernetes.io/hostname': 'w1', zone: 'a' } });

describe('registerNode', () => {
  it.each([
    { name: 'creates a new node', existing: undefined, created: true, patch: undefined },
    {
      name: 'keeps an existing node with the same labels',
      existing: node({ name: 'w1', uid: 'u', labels: { 'kubernetes.io/hostname': 'w1', zone: 'a', extra: 'x' } }),
      created: false,
      patch: undefined,
    },
    {
      name: 'updates the labels of an existing node',
      existing: node({ name: 'w1', uid: 'u', labels: { 'kubernetes.io/hostname': 'w1', zone: 'b' } }),
      created: false,
      patch: { metadata: { labels: { 'kubernetes.io/hostname': 'w1', zone: 'a' } } },
    },
  ])('$name', async ({ existing, created, patch }) => {
    const patches: object[] = [];
    const step = registerNode({
      createNode: async (n) => {
        if (existing) throw new StatusError(409, 'AlreadyExists', 'exists');
        return { ...n, metadata: { ...n.metadata, uid: 'new' } };
      },
      getNode: async () => existing!,
      patchNode: async (_name, p) => (patches.push(p), existing!),
    });
    const result = await step(wanted);
    expect(result.created).toBe(created);
    expect(patches).toEqual(patch ? [patch] : []);
  });

  it('passes other errors on', async () => {
    const step = registerNode({
      createNode: async () => {
        throw new StatusError(500, 'InternalError', 'boom');
      },
      getNode: jest.fn(),
      patchNode: jest.fn(),
    });
    await expect(step(wanted)).rejects.toThrow('boom');
  });
});
