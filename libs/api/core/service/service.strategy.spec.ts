import { prepareObjectUpdate, validateObject, validateObjectUpdate } from '@kubenest/registry';
import { inServiceCIDR } from './service-allocation';
import { serviceStrategy } from './service.strategy';
import { Service } from '../types';

const now = new Date('2025-01-01T12:00:00Z');

const service = (spec: Service['spec']): Service => ({
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2025-01-01T11:59:50Z' as never },
  spec,
});

const created = (spec: Service['spec']): Service => {
  const svc = service(spec);
  serviceStrategy.prepareForCreate!(svc);
  return svc;
};

describe('service defaults', () => {
  it('defaults a ClusterIP service and allocates an address', () => {
    const svc = created({ selector: { app: 'web' }, ports: [{ port: 80 }] });
    expect(svc.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
    expect(inServiceCIDR(svc.spec!.clusterIP!)).toBe(true);
    expect(svc.spec!.clusterIPs).toEqual([svc.spec!.clusterIP]);
    expect(svc.status).toEqual({ loadBalancer: {} });
  });

  it('keeps a given cluster IP, and headless stays headless', () => {
    expect(created({ clusterIP: '10.96.0.10', ports: [{ port: 53 }] }).spec!.clusterIPs).toEqual(['10.96.0.10']);
    expect(created({ clusterIP: 'None' }).spec!.clusterIPs).toEqual(['None']);
  });

  it('allocates node ports for NodePort', () => {
    const svc = created({ type: 'NodePort', ports: [{ port: 80 }] });
    expect(svc.spec!.ports![0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(svc.spec!.externalTrafficPolicy).toBe('Cluster');
  });

  it('keeps allocated values an update leaves out', () => {
    const old = created({ type: 'NodePort', ports: [{ port: 80 }] });
    const next = service({ type: 'NodePort', ports: [{ port: 80 }] });
    prepareObjectUpdate(serviceStrategy, next, old);
    expect(next.spec!.clusterIP).toBe(old.spec!.clusterIP);
    expect(next.spec!.ports![0].nodePort).toBe(old.spec!.ports![0].nodePort);
    expect(validateObjectUpdate(serviceStrategy, next, old)).toEqual([]);
  });
});

describe('service validation', () => {
  it.each([
    { name: 'valid', spec: { ports: [{ port: 80 }] }, want: [] },
    { name: 'no ports', spec: {}, want: ['spec.ports: Required value'] },
    {
      name: 'two unnamed ports',
      spec: { ports: [{ port: 80 }, { port: 443 }] },
      want: ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'],
    },
    {
      name: 'bad port',
      spec: { ports: [{ port: 0 }] },
      want: [
        'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
      ],
    },
    {
      name: 'cluster IP out of range',
      spec: { clusterIP: '192.168.0.1', ports: [{ port: 80 }] },
      want: [
        'spec.clusterIPs: Invalid value: ["192.168.0.1"]: failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
      ],
    },
    {
      name: 'ExternalName without name',
      spec: { type: 'ExternalName' as const },
      want: ['spec.externalName: Required value'],
    },
    {
      name: 'bad type',
      spec: { type: 'Magic' as never, ports: [{ port: 80 }] },
      want: [
        'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      ],
    },
  ])('$name', ({ spec, want }) => {
    const svc = created(spec);
    expect(validateObject(serviceStrategy, svc).map((e) => `${e.field}: ${e.message}`)).toEqual(want);
  });

  it('rejects a service name that is not a DNS-1035 label', () => {
    const svc = created({ ports: [{ port: 80 }] });
    svc.metadata.name = '1web';
    expect(validateObject(serviceStrategy, svc).map((e) => e.field)).toEqual(['metadata.name']);
  });

  it('cluster IP may not change', () => {
    const old = created({ clusterIP: '10.96.0.10', ports: [{ port: 80 }] });
    const next = service({ clusterIP: '10.96.0.20', ports: [{ port: 80 }] });
    prepareObjectUpdate(serviceStrategy, next, old);
    expect(validateObjectUpdate(serviceStrategy, next, old).map((e) => `${e.field}: ${e.message}`)).toEqual([
      'spec.clusterIPs[0]: Invalid value: ["10.96.0.20"]: may not change once set',
    ]);
  });
});

describe('service columns', () => {
  it.each([
    {
      name: 'ClusterIP',
      spec: { clusterIP: '10.96.0.10', ports: [{ port: 80 }], selector: { app: 'web' } },
      want: ['ClusterIP', '10.96.0.10', '<none>', '80/TCP', '10s', 'app=web'],
    },
    {
      name: 'NodePort',
      spec: { type: 'NodePort' as const, clusterIP: '10.96.0.11', ports: [{ port: 80, nodePort: 30080 }] },
      want: ['NodePort', '10.96.0.11', '<none>', '80:30080/TCP', '10s', '<none>'],
    },
    {
      name: 'LoadBalancer pending',
      spec: { type: 'LoadBalancer' as const, clusterIP: '10.96.0.12', ports: [{ port: 80, nodePort: 30081 }] },
      want: ['LoadBalancer', '10.96.0.12', '<pending>'],
    },
    {
      name: 'ExternalName',
      spec: { type: 'ExternalName' as const, externalName: 'example.com' },
      want: ['ExternalName', '<none>', 'example.com', '<none>'],
    },
  ])('$name', ({ spec, want }) => {
    const svc = created(spec);
    expect(serviceStrategy.columns!.map((c) => c.cell(svc, now)).slice(0, want.length)).toEqual(want);
  });

  it('selects on spec.clusterIP and spec.type', () => {
    const svc = created({ clusterIP: '10.96.0.10', ports: [{ port: 80 }] });
    expect(serviceStrategy.fieldSelectors!['spec.clusterIP'](svc)).toBe('10.96.0.10');
    expect(serviceStrategy.fieldSelectors!['spec.type'](svc)).toBe('ClusterIP');
  });
});
