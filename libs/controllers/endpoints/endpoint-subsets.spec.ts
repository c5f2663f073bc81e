import type { Pod, Service } from '@kubenest/api/core/types';
import { desiredSubsets, MAX_ENDPOINT_ADDRESSES } from './endpoint-subsets';

const svc = (spec: Service['spec'] = {}): Service => ({
  metadata: { namespace: 'ns', name: 'web', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], ...spec },
});

interface PodOptions {
  ip?: string;
  ready?: boolean;
  phase?: string;
  terminating?: boolean;
  ports?: { name: string; containerPort: number; protocol?: string }[];
}

const pod = (name: string, o: PodOptions = {}): Pod =>
  ({
    metadata: {
      namespace: 'ns',
      name,
      uid: `uid-${name}`,
      ...(o.terminating ? { deletionTimestamp: '2026-01-01T00:00:05Z' } : {}),
    },
    spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'x', ports: o.ports }] },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.ip === '' ? {} : { podIP: o.ip ?? `10.0.0.${name.slice(1)}` }),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  }) as Pod;

const summary = (s: Service, pods: Pod[]) =>
  desiredSubsets(s, pods).subsets.map((ss) => ({
    ready: (ss.addresses ?? []).map((a) => a.ip),
    notReady: (ss.notReadyAddresses ?? []).map((a) => a.ip),
    ports: (ss.ports ?? []).map((p) => `${p.name ?? ''}:${p.port}`),
  }));

describe('desiredSubsets', () => {
  it.each([
    {
      name: 'ready pods under the numeric target port, sorted by IP',
      svc: svc(),
      pods: [pod('p2'), pod('p1')],
      want: [{ ready: ['10.0.0.1', '10.0.0.2'], notReady: [], ports: [':8080'] }],
    },
    {
      name: 'a pod not ready under notReadyAddresses',
      svc: svc(),
      pods: [pod('p1'), pod('p2', { ready: false })],
      want: [{ ready: ['10.0.0.1'], notReady: ['10.0.0.2'], ports: [':8080'] }],
    },
    {
      name: 'publishNotReadyAddresses: every pod ready, a terminating one too',
      svc: svc({ selector: { app: 'web' }, ports: [{ port: 80 }], publishNotReadyAddresses: true }),
      pods: [pod('p1', { ready: false }), pod('p2', { terminating: true })],
      want: [{ ready: ['10.0.0.1', '10.0.0.2'], notReady: [], ports: [':80'] }],
    },
    {
      name: 'terminating, finished and address-less pods left out',
      svc: svc(),
      pods: [pod('p1', { terminating: true }), pod('p2', { phase: 'Failed' }), pod('p3', { ip: '' }), pod('p4')],
      want: [{ ready: ['10.0.0.4'], notReady: [], ports: [':8080'] }],
    },
    {
      name: 'a named target port resolved per pod: pods grouped by their port, one without it left out',
      svc: svc({ selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] }),
      pods: [
        pod('p1', { ports: [{ name: 'web', containerPort: 8080 }] }),
        pod('p2', { ports: [{ name: 'web', containerPort: 9090 }] }),
        pod('p3', { ports: [{ name: 'web', containerPort: 8080, protocol: 'UDP' }] }),
        pod('p4'),
      ],
      want: [
        { ready: ['10.0.0.1'], notReady: [], ports: ['http:8080'] },
        { ready: ['10.0.0.2'], notReady: [], ports: ['http:9090'] },
      ],
    },
    {
      name: 'a Service without ports: addresses alone',
      svc: svc({ selector: { app: 'web' }, clusterIP: 'None', ports: [] }),
      pods: [pod('p1')],
      want: [{ ready: ['10.0.0.1'], notReady: [], ports: [] }],
    },
    {
      name: 'a Service without ports and with a cluster IP: nothing',
      svc: svc({ selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [] }),
      pods: [pod('p1')],
      want: [],
    },
    {
      name: 'a pod resolving one of two ports: listed under that one',
      svc: svc({
        selector: { app: 'web' },
        ports: [
          { name: 'a', port: 80, targetPort: 8080 },
          { name: 'b', port: 81, targetPort: 'metrics' },
        ],
      }),
      pods: [pod('p1')],
      want: [{ ready: ['10.0.0.1'], notReady: [], ports: ['a:8080'] }],
    },
    { name: 'no pods: no subsets', svc: svc(), pods: [], want: [] },
  ])('$name', ({ svc: s, pods, want }) => {
    expect(summary(s, pods)).toEqual(want);
  });

  it('carries nodeName and the pod as targetRef', () => {
    const [ss] = desiredSubsets(svc(), [pod('p1')]).subsets;
    expect(ss.addresses).toEqual([
      { ip: '10.0.0.1', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'p1', uid: 'uid-p1' } },
    ]);
  });

  it.each([
    { name: 'an IPv4 cluster IP', spec: { clusterIP: '10.96.0.10' }, ips: ['10.0.0.1'] },
    { name: 'an IPv6 cluster IP', spec: { clusterIP: 'fd00::a' }, ips: ['fd00::1'] },
    { name: 'headless, IPv6 first', spec: { clusterIP: 'None', ipFamilies: ['IPv6', 'IPv4'] }, ips: ['fd00::1'] },
    { name: 'neither', spec: {}, ips: ['10.0.0.1'] },
  ] as { name: string; spec: Service['spec']; ips: string[] }[])('takes the pod IP of $name', ({ spec, ips }) => {
    const dual = pod('p1');
    dual.status!.podIPs = [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }];
    const s = svc({ selector: { app: 'web' }, ports: [{ port: 80 }], ...spec });
    expect(
      desiredSubsets(s, [dual])
        .subsets.flatMap((ss) => ss.addresses ?? [])
        .map((a) => a.ip),
    ).toEqual(ips);
  });

  it('gives a pod its hostname when its subdomain is the Service', () => {
    const named = { ...pod('p1'), spec: { ...pod('p1').spec!, hostname: 'db-0', subdomain: 'web' } } as Pod;
    const other = { ...pod('p2'), spec: { ...pod('p2').spec!, hostname: 'x', subdomain: 'other' } } as Pod;
    const [ss] = desiredSubsets(svc(), [named, other]).subsets;
    expect(ss.addresses?.map((a) => a.hostname)).toEqual(['db-0', undefined]);
  });

  it('shares the cut among subsets in proportion, rounded up, as kube', () => {
    // 900 ready pods on port 8080, 300 on 9090: 1000 kept as ceil(900/1200*1000)=750 and the 250 left.
    const named = svc({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'web' }] });
    const at = (i: number, port: number) =>
      pod(`p${i}`, {
        ip: `10.${port === 8080 ? 1 : 2}.${i >> 8}.${i & 255}`,
        ports: [{ name: 'web', containerPort: port }],
      });
    const pods = [
      ...Array.from({ length: 900 }, (_, i) => at(i, 8080)),
      ...Array.from({ length: 300 }, (_, i) => at(i, 9090)),
    ];
    const { subsets } = desiredSubsets(named, pods);
    expect(subsets.map((s) => [s.ports?.[0].port, s.addresses?.length])).toEqual([
      [8080, 750],
      [9090, 250],
    ]);
  });

  it.each([
    { ready: 1200, notReady: 10, keptReady: 1000, keptNotReady: 0 },
    { ready: 600, notReady: 600, keptReady: 600, keptNotReady: 400 },
    { ready: 990, notReady: 10, keptReady: 990, keptNotReady: 10 },
  ])(
    'caps $ready ready and $notReady not ready at 1000 addresses, ready first',
    ({ ready, notReady, keptReady, keptNotReady }) => {
      const pods = [
        ...Array.from({ length: ready }, (_, i) => pod(`r${i}`, { ip: `10.1.${i >> 8}.${i & 255}` })),
        ...Array.from({ length: notReady }, (_, i) => pod(`n${i}`, { ip: `10.2.${i >> 8}.${i & 255}`, ready: false })),
      ];
      const { subsets, truncated } = desiredSubsets(svc(), pods);
      expect(truncated).toBe(ready + notReady > MAX_ENDPOINT_ADDRESSES);
      expect(subsets.flatMap((s) => s.addresses ?? [])).toHaveLength(keptReady);
      expect(subsets.flatMap((s) => s.notReadyAddresses ?? [])).toHaveLength(keptNotReady);
    },
  );
});
