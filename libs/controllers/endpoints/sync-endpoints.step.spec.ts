import type { Endpoints, Pod, Service } from '@kubenest/api/core/types';
import { OVER_CAPACITY_ANNOTATION, syncEndpoints, TRIGGER_TIME_ANNOTATION } from './sync-endpoints.step';

const svc = (
  over: Partial<Service> = {},
  spec: Service['spec'] = { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ port: 80 }] },
) =>
  ({
    metadata: { namespace: 'ns', name: 'web', labels: { team: 'a' }, creationTimestamp: '2026-01-01T00:00:00Z' },
    spec,
    ...over,
  }) as Service;

const pod = (ip: string): Pod =>
  ({
    metadata: { namespace: 'ns', name: `p-${ip}`, uid: ip, creationTimestamp: '2026-01-01T00:00:10Z' },
    spec: { containers: [] },
    status: {
      phase: 'Running',
      podIP: ip,
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:20Z' }],
    },
  }) as Pod;

const run = async (service: Service, pods: Pod[], current?: Endpoints) => {
  const writes: { verb: string; ep: Endpoints }[] = [];
  await syncEndpoints({
    podsOf: () => pods,
    triggerTime: () => '2026-01-01T00:00:20Z',
    currentEndpoints: () => current,
    create: async (ep) => writes.push({ verb: 'create', ep }),
    update: async (ep) => writes.push({ verb: 'update', ep }),
  })(service);
  return writes;
};

const subsetOf = (ip: string) => ({
  addresses: [{ ip, targetRef: { kind: 'Pod', namespace: 'ns', name: `p-${ip}`, uid: ip } }],
  ports: [{ port: 80, protocol: 'TCP' as const }],
});

describe('syncEndpoints', () => {
  it('creates the Endpoints of a Service with a selector, with its labels and the trigger time', async () => {
    const [write] = await run(svc(), [pod('10.0.0.1')]);
    expect(write.verb).toBe('create');
    expect(write.ep.metadata).toMatchObject({
      namespace: 'ns',
      name: 'web',
      labels: { team: 'a' },
      annotations: { [TRIGGER_TIME_ANNOTATION]: '2026-01-01T00:00:20Z' },
    });
    expect(write.ep.subsets).toEqual([subsetOf('10.0.0.1')]);
  });

  it.each([
    { name: 'a Service without a selector', service: svc({}, { ports: [{ port: 80 }] }) },
    { name: 'an ExternalName Service', service: svc({}, { type: 'ExternalName', selector: { app: 'web' } }) },
    { name: 'a Service being deleted', service: svc({ metadata: { name: 'web', deletionTimestamp: 'x' } }) },
  ])('leaves alone $name', async ({ service }) => {
    expect(await run(service, [pod('10.0.0.1')])).toEqual([]);
  });

  it('writes nothing when the Endpoints already say it', async () => {
    const current = {
      metadata: { namespace: 'ns', name: 'web', labels: { team: 'a' } },
      subsets: [subsetOf('10.0.0.1')],
    };
    expect(await run(svc(), [pod('10.0.0.1')], current)).toEqual([]);
  });

  it('updates changed addresses, keeping the resourceVersion', async () => {
    const current = {
      metadata: { namespace: 'ns', name: 'web', labels: { team: 'a' }, resourceVersion: '7' },
      subsets: [subsetOf('10.0.0.1')],
    };
    const [write] = await run(svc(), [pod('10.0.0.2')], current);
    expect(write.verb).toBe('update');
    expect(write.ep.metadata.resourceVersion).toBe('7');
    expect(write.ep.subsets).toEqual([subsetOf('10.0.0.2')]);
  });

  it('marks an Endpoints over capacity, and drops the mark once under it', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => pod(`10.1.${i >> 8}.${i & 255}`));
    const [over] = await run(svc(), many);
    expect(over.ep.metadata.annotations?.[OVER_CAPACITY_ANNOTATION]).toBe('truncated');
    const [under] = await run(svc(), [pod('10.0.0.1')], over.ep);
    expect(under.ep.metadata.annotations?.[OVER_CAPACITY_ANNOTATION]).toBeUndefined();
  });

  it('labels a headless Service’s Endpoints', async () => {
    const [write] = await run(svc({}, { selector: { app: 'web' }, clusterIP: 'None' }), [pod('10.0.0.1')]);
    expect(write.ep.metadata.labels).toEqual({ team: 'a', 'service.kubernetes.io/headless': '' });
  });
});
