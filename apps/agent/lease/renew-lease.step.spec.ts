import { StatusError } from '@kubenest/apimachinery';
import { Lease } from '../node/node-api';
import { microTime, newNodeLease } from './node-lease';
import { renewLease } from './renew-lease.step';

const node = { name: 'w1', uid: 'uid-1' };
const t = Date.parse('2026-01-01T00:00:10.123Z');

describe('renewLease', () => {
  it('creates the lease kubelet keeps: held by the node for 40 s, renewed now, owned by the Node', async () => {
    const created: Lease[] = [];
    const renew = renewLease({
      getLease: async () => {
        throw new StatusError(404, 'NotFound', 'gone');
      },
      createLease: async (l) => (created.push(l), l),
      updateLease: jest.fn(),
    });
    await renew(undefined, node, t);
    expect(created[0]).toEqual({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: 'w1',
        namespace: 'kube-node-lease',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'w1', uid: 'uid-1' }],
      },
      spec: { holderIdentity: 'w1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:10.123000Z' },
    });
  });

  it.each([
    { name: 'updates the copy it wrote last', latest: true, updateFails: undefined, calls: ['update'] },
    { name: 'reads and updates after a conflict', latest: true, updateFails: 409, calls: ['update', 'get', 'update'] },
    { name: 'reads and updates without a copy', latest: false, updateFails: undefined, calls: ['get', 'update'] },
  ])('$name', async ({ latest, updateFails, calls }) => {
    const seen: string[] = [];
    let failOnce = updateFails;
    const stored = newNodeLease(node, 0);
    const renew = renewLease({
      getLease: async () => (seen.push('get'), stored),
      createLease: async (l) => (seen.push('create'), l),
      updateLease: async (l) => {
        seen.push('update');
        if (failOnce) {
          const code = failOnce;
          failOnce = undefined;
          throw new StatusError(code, 'Conflict', 'conflict');
        }
        return l;
      },
    });
    const result = await renew(latest ? stored : undefined, node, t);
    expect(seen).toEqual(calls);
    expect(result.spec?.renewTime).toBe(microTime(t));
  });

  it('passes a server error on, for the heartbeat to back off', async () => {
    const renew = renewLease({
      getLease: async () => {
        throw new StatusError(503, 'ServiceUnavailable', 'down');
      },
      createLease: jest.fn(),
      updateLease: jest.fn(),
    });
    await expect(renew(undefined, node, t)).rejects.toThrow('down');
  });
});
