import type { EndpointSlice, SliceEndpoint, SlicePort } from '@kubenest/api/discovery-k8s-io';
import { EndpointGroup, portSetKey } from './desired-endpoints';
import { planSlices } from './plan-slices';

const PORTS: SlicePort[] = [{ name: '', port: 8080, protocol: 'TCP' }];
const LABELS = { 'kubernetes.io/service-name': 'web' };

const ep = (ip: string, ready = true): SliceEndpoint => ({ addresses: [ip], conditions: { ready } });

const slice = (name: string, ips: string[], ports: SlicePort[] = PORTS): EndpointSlice => ({
  metadata: { namespace: 'ns', name, labels: LABELS },
  addressType: 'IPv4',
  endpoints: ips.map((ip) => ep(ip)),
  ports,
});

const desired = (ips: string[], notReady: string[] = []): Map<string, EndpointGroup> =>
  ips.length + notReady.length === 0
    ? new Map()
    : new Map([
        [
          portSetKey(PORTS),
          {
            ports: PORTS,
            endpoints: new Map([...ips.map((ip) => [ip, ep(ip)]), ...notReady.map((ip) => [ip, ep(ip, false)])] as [
              string,
              SliceEndpoint,
            ][]),
          },
        ],
      ]);

const plan = (want: Map<string, EndpointGroup>, existing: EndpointSlice[], max = 3) => {
  let made = 0;
  const p = planSlices({
    addressType: 'IPv4',
    desired: want,
    existing,
    maxEndpointsPerSlice: max,
    labels: LABELS,
    newSlice: ({ ports }) => ({ ...slice(`new-${++made}`, [], ports) }),
  });
  const show = (s: EndpointSlice) => `${s.metadata.name}:${s.endpoints.map((e) => e.addresses[0]).join(',')}`;
  return { create: p.create.map(show), update: p.update.map(show), delete: p.delete.map((s) => s.metadata.name) };
};

const ips = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `10.0.0.${from + i}`);

describe('planSlices', () => {
  it.each([
    {
      name: 'no slices yet: the endpoints chunked by the maximum',
      want: desired(ips(7)),
      existing: [],
      result: {
        create: ['new-1:10.0.0.1,10.0.0.2,10.0.0.3', 'new-2:10.0.0.4,10.0.0.5,10.0.0.6', 'new-3:10.0.0.7'],
        update: [],
        delete: [],
      },
    },
    {
      name: 'nothing changed: nothing written',
      want: desired(ips(2)),
      existing: [slice('a', ips(2))],
      result: { create: [], update: [], delete: [] },
    },
    {
      name: 'an endpoint gone: only its slice updated',
      want: desired(['10.0.0.1', '10.0.0.2', '10.0.0.4']),
      existing: [slice('a', ips(2)), slice('b', ['10.0.0.3', '10.0.0.4'])],
      result: { create: [], update: ['b:10.0.0.4'], delete: [] },
    },
    {
      name: 'a new endpoint fills a slice being updated before a new slice is made',
      want: desired(['10.0.0.1', '10.0.0.2', '10.0.0.4', '10.0.0.9']),
      existing: [slice('a', ips(2)), slice('b', ['10.0.0.3', '10.0.0.4'])],
      result: { create: [], update: ['b:10.0.0.4,10.0.0.9'], delete: [] },
    },
    {
      name: 'a new endpoint while nothing else changes, the slice full: a new slice',
      want: desired(ips(4)),
      existing: [slice('a', ips(3))],
      result: { create: ['new-1:10.0.0.4'], update: [], delete: [] },
    },
    {
      name: 'new endpoints fitting whole into an unchanged slice: the one they fill best',
      want: desired([...ips(3), '10.0.0.8']),
      existing: [slice('a', ['10.0.0.1']), slice('b', ['10.0.0.2', '10.0.0.3'])],
      result: { create: [], update: ['b:10.0.0.2,10.0.0.3,10.0.0.8'], delete: [] },
    },
    {
      name: 'new endpoints too many for any unchanged slice: new slices',
      want: desired([...ips(2), '10.0.0.7', '10.0.0.8']),
      existing: [slice('a', ips(2))],
      result: { create: ['new-1:10.0.0.7,10.0.0.8'], update: [], delete: [] },
    },
    {
      name: 'an endpoint turned not ready: updated in place',
      want: desired(['10.0.0.1'], ['10.0.0.2']),
      existing: [slice('a', ips(2))],
      result: { create: [], update: ['a:10.0.0.1,10.0.0.2'], delete: [] },
    },
    {
      name: 'a slice left empty is deleted',
      want: desired(ips(2)),
      existing: [slice('a', ips(2)), slice('b', ['10.0.0.3'])],
      result: { create: [], update: [], delete: ['b'] },
    },
    {
      name: 'no endpoints at all: one placeholder slice',
      want: desired([]),
      existing: [slice('a', ips(2))],
      result: { create: ['new-1:'], update: [], delete: ['a'] },
    },
    {
      name: 'the placeholder kept while there are still no endpoints',
      want: desired([]),
      existing: [slice('p', [], [])],
      result: { create: [], update: [], delete: [] },
    },
    {
      name: 'endpoints again: the placeholder goes',
      want: desired(ips(1)),
      existing: [slice('p', [], [])],
      result: { create: ['new-1:10.0.0.1'], update: [], delete: ['p'] },
    },
  ])('$name', ({ want, existing, result }) => {
    expect(plan(want, existing)).toEqual(result);
  });

  it('updates a slice whose labels no longer match the Service’s', () => {
    const old = { ...slice('a', ips(1)), metadata: { namespace: 'ns', name: 'a', labels: { stale: 'x' } } };
    expect(plan(desired(ips(1)), [old]).update).toEqual(['a:10.0.0.1']);
  });
});
