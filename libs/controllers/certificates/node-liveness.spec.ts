import { KubeObject } from '@kubenest/apimachinery';
import { nodeLiveness } from './node-liveness';

const now = new Date('2025-01-01T00:01:00Z');
const lease = (spec: Record<string, unknown>): KubeObject => ({
  metadata: { namespace: 'kube-node-lease', name: 'w1' },
  spec,
});

describe('nodeLiveness', () => {
  it.each([
    {
      name: 'renewed 10 s ago for 40 s',
      node: true,
      spec: { renewTime: '2025-01-01T00:00:50.000000Z', leaseDurationSeconds: 40 },
      live: true,
    },
    {
      name: 'renewed 39 s ago for 40 s',
      node: true,
      spec: { renewTime: '2025-01-01T00:00:21.000000Z', leaseDurationSeconds: 40 },
      live: true,
    },
    {
      name: 'renewed 41 s ago for 40 s',
      node: true,
      spec: { renewTime: '2025-01-01T00:00:19.000000Z', leaseDurationSeconds: 40 },
      live: false,
    },
    {
      name: 'renewed 10 s ago for 5 s',
      node: true,
      spec: { renewTime: '2025-01-01T00:00:50.000000Z', leaseDurationSeconds: 5 },
      live: false,
    },
    {
      name: 'renewed 30 s ago, no duration (40 s)',
      node: true,
      spec: { renewTime: '2025-01-01T00:00:30.000000Z' },
      live: true,
    },
    {
      name: 'renewed 50 s ago, no duration (40 s)',
      node: true,
      spec: { renewTime: '2025-01-01T00:00:10.000000Z' },
      live: false,
    },
    { name: 'never renewed', node: true, spec: { leaseDurationSeconds: 40 }, live: false },
    { name: 'no lease', node: true, spec: undefined, live: false },
    { name: 'a fresh lease but no Node', node: false, spec: { renewTime: '2025-01-01T00:00:50.000000Z' }, live: false },
  ])('$name → live $live', async ({ node, spec, live }) => {
    const liveNode = nodeLiveness({
      getNode: async (_ns, name) => (node && name === 'w1' ? { metadata: { name } } : undefined),
      getLease: async (ns, name) => (spec && ns === 'kube-node-lease' && name === 'w1' ? lease(spec) : undefined),
      now: () => now,
    });
    expect((await liveNode('w1')) !== undefined).toBe(live);
  });

  it('says when the lease was renewed and when it runs out', async () => {
    const liveNode = nodeLiveness({
      getNode: async (_ns, name) => ({ metadata: { name } }),
      getLease: async () => lease({ renewTime: '2025-01-01T00:00:50.123456Z', leaseDurationSeconds: 40 }),
      now: () => now,
    });
    expect(await liveNode('w1')).toEqual({
      renewTime: new Date('2025-01-01T00:00:50.123Z'),
      expires: new Date('2025-01-01T00:01:30.123Z'),
    });
  });
});
