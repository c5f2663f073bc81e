import type { Node, Pod, Service } from '@kubenest/api/core/types';
import { addressTypesOf, desiredEndpoints, ZONE_LABEL } from './desired-endpoints';

const svc = (spec: Service['spec'] = {}): Service => ({
  metadata: { namespace: 'ns', name: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web' }], ...spec },
});

const pod = (name: string, o: { ready?: boolean; terminating?: boolean; ips?: string[]; port?: number } = {}): Pod =>
  ({
    metadata: { namespace: 'ns', name, uid: `uid-${name}`, ...(o.terminating ? { deletionTimestamp: 'x' } : {}) },
    spec: {
      nodeName: 'n1',
      containers: [{ name: 'c', image: 'x', ports: [{ name: 'web', containerPort: o.port ?? 8080 }] }],
    },
    status: {
      phase: 'Running',
      podIP: (o.ips ?? ['10.0.0.1'])[0],
      podIPs: (o.ips ?? ['10.0.0.1']).map((ip) => ({ ip })),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  }) as Pod;

const node: Node = { metadata: { name: 'n1', labels: { [ZONE_LABEL]: 'zone-a' } } };

const only = (s: Service, p: Pod, type: 'IPv4' | 'IPv6' = 'IPv4') => {
  const groups = [...desiredEndpoints(s, type, [p], () => node).values()];
  return groups.flatMap((g) => [...g.endpoints.values()].map((e) => ({ ports: g.ports, ...e })));
};

describe('desiredEndpoints', () => {
  it.each([
    { name: 'ready', o: {}, pub: false, conditions: { ready: true, serving: true, terminating: false } },
    {
      name: 'not ready',
      o: { ready: false },
      pub: false,
      conditions: { ready: false, serving: false, terminating: false },
    },
    {
      name: 'terminating, still serving',
      o: { terminating: true },
      pub: false,
      conditions: { ready: false, serving: true, terminating: true },
    },
    {
      name: 'not ready, published anyway',
      o: { ready: false },
      pub: true,
      conditions: { ready: true, serving: false, terminating: false },
    },
  ])('gives a $name pod its conditions', ({ o, pub, conditions }) => {
    const [e] = only(svc({ publishNotReadyAddresses: pub }), pod('p', o));
    expect(e.conditions).toEqual(conditions);
  });

  it('carries node, zone, targetRef and the named port resolved', () => {
    expect(only(svc(), pod('p', { port: 9090 }))).toEqual([
      {
        addresses: ['10.0.0.1'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'n1',
        zone: 'zone-a',
        targetRef: { kind: 'Pod', namespace: 'ns', name: 'p', uid: 'uid-p' },
        ports: [{ name: 'http', port: 9090, protocol: 'TCP' }],
      },
    ]);
  });

  it('takes the address of the slice’s family', () => {
    const dual = pod('p', { ips: ['10.0.0.1', 'fd00::1'] });
    expect(only(svc(), dual, 'IPv6')[0].addresses).toEqual(['fd00::1']);
    expect(only(svc(), pod('p'), 'IPv6')).toEqual([]);
  });

  it.each([
    { families: undefined, types: ['IPv4'] },
    { families: ['IPv6', 'IPv4'], types: ['IPv6', 'IPv4'] },
  ] as { families?: ('IPv4' | 'IPv6')[]; types: string[] }[])(
    'addresses a Service of families $families as $types',
    ({ families, types }) => {
      expect(addressTypesOf(svc({ ipFamilies: families }))).toEqual(types);
    },
  );
});
