import type { Pod } from '@kubenest/api/core/types';
import { DEFAULT_MEMORY_REQUEST, nodeAllocatable, podRequests, Resources, resourcesOf } from './resources';

type List = Record<string, string | number>;

const pod = (o: {
  containers?: Array<List | undefined>;
  init?: Array<{ requests?: List; sidecar?: boolean }>;
  overhead?: List;
}): Pod => ({
  metadata: { name: 'p' },
  spec: {
    containers: (o.containers ?? []).map((requests, i) => ({ name: `c${i}`, resources: requests && { requests } })),
    initContainers: o.init?.map((c, i) => ({
      name: `i${i}`,
      resources: c.requests && { requests: c.requests },
      restartPolicy: c.sidecar ? 'Always' : undefined,
    })),
    overhead: o.overhead,
  },
});

const plain = (r: Resources) => ({
  cpu: r.milliCPU,
  memory: r.memory,
  storage: r.ephemeralStorage,
  pods: r.allowedPodNumber,
  ...Object.fromEntries(r.scalar),
});

const Mi = 1024 * 1024;
const Gi = 1024 * Mi;

describe('resourcesOf', () => {
  it.each<{ name: string; list: List; want: Record<string, number> }>([
    { name: 'millicores', list: { cpu: '500m' }, want: { cpu: 500 } },
    { name: 'whole cores', list: { cpu: '2' }, want: { cpu: 2000 } },
    { name: 'a fraction of a core', list: { cpu: '0.5' }, want: { cpu: 500 } },
    { name: 'a number, as JSON may carry it', list: { cpu: 1 }, want: { cpu: 1000 } },
    { name: 'an exponent', list: { cpu: '1e3', memory: '1e3' }, want: { cpu: 1_000_000, memory: 1000 } },
    { name: 'below a millicore rounds up', list: { cpu: '100u' }, want: { cpu: 1 } },
    { name: 'binary suffixes', list: { memory: '1Gi' }, want: { memory: Gi } },
    { name: 'decimal suffixes', list: { memory: '1G' }, want: { memory: 1e9 } },
    { name: 'half a byte rounds up', list: { memory: '0.5' }, want: { memory: 1 } },
    { name: '100Mi', list: { memory: '100Mi' }, want: { memory: 100 * Mi } },
    { name: '0.1Gi is not 100Mi (rounded up)', list: { memory: '0.1Gi' }, want: { memory: 107374183 } },
    { name: 'ephemeral storage', list: { 'ephemeral-storage': '10Gi' }, want: { storage: 10 * Gi } },
    { name: 'pods', list: { pods: '110' }, want: { pods: 110 } },
    {
      name: 'extended and hugepages by name',
      list: { 'example.com/gpu': '2', 'hugepages-2Mi': '4Mi' },
      want: { 'example.com/gpu': 2, 'hugepages-2Mi': 4 * Mi },
    },
  ])('$name', ({ list, want }) => {
    expect(plain(resourcesOf(list))).toEqual({ cpu: 0, memory: 0, storage: 0, pods: 0, ...want });
  });

  it('rejects what is not a quantity', () => {
    expect(() => resourcesOf({ cpu: 'lots' })).toThrow();
  });
});

describe('podRequests', () => {
  it.each([
    { name: 'no containers', pod: pod({}), want: { cpu: 0, memory: 0 } },
    { name: 'a container without requests', pod: pod({ containers: [undefined] }), want: { cpu: 0, memory: 0 } },
    {
      name: 'containers add up',
      pod: pod({
        containers: [
          { cpu: '500m', memory: '100Mi' },
          { cpu: '0.5', memory: '0.1Gi' },
        ],
      }),
      want: { cpu: 1000, memory: 100 * Mi + 107374183 },
    },
    {
      name: 'summed before rounding, as Quantity.Add',
      pod: pod({
        containers: [
          { cpu: '0.5m', memory: '0.5' },
          { cpu: '0.5m', memory: '0.5' },
        ],
      }),
      want: { cpu: 1, memory: 1 },
    },
    {
      name: 'an init container larger than the containers sets the request',
      pod: pod({ containers: [{ cpu: '100m', memory: '1Gi' }], init: [{ requests: { cpu: '2', memory: '10Mi' } }] }),
      want: { cpu: 2000, memory: Gi },
    },
    {
      name: 'init containers run one at a time: the largest counts',
      pod: pod({ containers: [{ cpu: '100m' }], init: [{ requests: { cpu: '1' } }, { requests: { cpu: '3' } }] }),
      want: { cpu: 3000, memory: 0 },
    },
    {
      name: 'a sidecar runs beside the containers',
      pod: pod({ containers: [{ cpu: '1' }], init: [{ requests: { cpu: '500m' }, sidecar: true }] }),
      want: { cpu: 1500, memory: 0 },
    },
    {
      name: 'an init container after a sidecar runs beside it',
      pod: pod({
        containers: [{ cpu: '1' }],
        init: [{ requests: { cpu: '1' }, sidecar: true }, { requests: { cpu: '2500m' } }],
      }),
      want: { cpu: 3500, memory: 0 },
    },
    {
      name: 'an init container before a sidecar does not run beside it',
      pod: pod({
        containers: [{ cpu: '1' }],
        init: [{ requests: { cpu: '2500m' } }, { requests: { cpu: '1' }, sidecar: true }],
      }),
      want: { cpu: 2500, memory: 0 },
    },
    {
      name: 'overhead comes on top',
      pod: pod({ containers: [{ cpu: '1', memory: '1Gi' }], overhead: { cpu: '250m', memory: '120Mi' } }),
      want: { cpu: 1250, memory: Gi + 120 * Mi },
    },
  ])('$name', ({ pod: p, want }) => {
    const r = podRequests(p);
    expect({ cpu: r.milliCPU, memory: r.memory }).toEqual(want);
  });

  it('counts extended resources by name', () => {
    const r = podRequests(pod({ containers: [{ 'example.com/gpu': '1' }, { 'example.com/gpu': '2' }] }));
    expect(r.scalar.get('example.com/gpu')).toBe(3);
  });

  describe('nonZero', () => {
    it.each([
      {
        name: 'a container without requests counts 100m and 200Mi',
        pod: pod({ containers: [undefined] }),
        want: [100, 200],
      },
      { name: 'each such container counts', pod: pod({ containers: [undefined, {}] }), want: [200, 400] },
      { name: 'only the missing one is defaulted', pod: pod({ containers: [{ cpu: '1' }] }), want: [1000, 200] },
      { name: 'an explicit zero stays zero', pod: pod({ containers: [{ cpu: '0', memory: '0' }] }), want: [0, 0] },
      {
        name: 'init containers are defaulted too',
        pod: pod({ containers: [{ cpu: '50m', memory: '10Mi' }], init: [{}] }),
        want: [100, 200],
      },
      {
        name: 'not the overhead',
        pod: pod({ containers: [{ cpu: '1', memory: '1Gi' }], overhead: {} }),
        want: [1000, 1024],
      },
    ])('$name', ({ pod: p, want }) => {
      const r = podRequests(p, true);
      expect([r.milliCPU, r.memory / Mi]).toEqual(want);
    });

    it('keeps the defaults out of the plain requests', () => {
      expect(podRequests(pod({ containers: [undefined] })).memory).toBe(0);
      expect(podRequests(pod({ containers: [undefined] }), true).memory).toBe(DEFAULT_MEMORY_REQUEST);
    });
  });
});

describe('nodeAllocatable', () => {
  it.each<{ name: string; status?: { allocatable?: List; capacity?: List }; want: Record<string, number> }>([
    {
      name: 'allocatable',
      status: { allocatable: { cpu: '3500m', memory: '7Gi', pods: '110' }, capacity: { cpu: '4' } },
      want: { cpu: 3500, memory: 7 * Gi, pods: 110 },
    },
    {
      name: 'capacity when allocatable is absent (as the apiserver defaults it)',
      status: { capacity: { cpu: '4', memory: '8Gi', pods: '10' } },
      want: { cpu: 4000, memory: 8 * Gi, pods: 10 },
    },
    { name: 'nothing', status: undefined, want: { cpu: 0, memory: 0, pods: 0 } },
  ])('$name', ({ status, want }) => {
    const r = nodeAllocatable({ metadata: { name: 'n' }, status });
    expect({ cpu: r.milliCPU, memory: r.memory, pods: r.allowedPodNumber }).toEqual(want);
  });
});
