import type { Pod, Service } from '@kubenest/api/core/types';
import type { EndpointSlice } from '@kubenest/api/discovery-k8s-io';
import { MANAGED_BY, sliceLabels, syncSlices } from './endpointslice.loop';
import { SlicePlan } from './plan-slices';

const svc = (spec: Service['spec'], labels: Record<string, string> = {}): Service => ({
  metadata: { namespace: 'ns', name: 'web', uid: 'svc-uid', labels },
  spec: { clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 8080 }], ...spec },
});

const pod: Pod = {
  metadata: { namespace: 'ns', name: 'p', uid: 'p-uid' },
  spec: { nodeName: 'n1', containers: [] },
  status: { phase: 'Running', podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True' }] },
};

const run = async (service: Service, existing: EndpointSlice[] = [], seen = true) => {
  const plans: SlicePlan[] = [];
  await syncSlices({
    podsOf: () => [pod],
    nodeOf: () => undefined,
    slicesOf: () => existing,
    maxEndpointsPerSlice: 100,
    creationsSeen: () => seen,
    apply: async (_svc, plan) => {
      plans.push(plan);
    },
  })(service);
  return plans;
};

describe('syncSlices', () => {
  it.each([
    { name: 'without a selector', service: svc({}) },
    { name: 'of type ExternalName', service: svc({ type: 'ExternalName', selector: { app: 'web' } }) },
  ])('leaves a Service $name alone', async ({ service }) => {
    expect(await run(service)).toEqual([]);
  });

  it('creates a slice labelled for the Service, owned by it, named after it', async () => {
    const [plan] = await run(svc({ selector: { app: 'web' } }, { team: 'a' }));
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]).toMatchObject({
      metadata: {
        generateName: 'web-',
        labels: {
          team: 'a',
          'kubernetes.io/service-name': 'web',
          'endpointslice.kubernetes.io/managed-by': MANAGED_BY,
        },
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            name: 'web',
            uid: 'svc-uid',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.1'], nodeName: 'n1' }],
      ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    });
  });

  it('waits while slices it created are not yet seen', async () => {
    expect(await run(svc({ selector: { app: 'web' } }), [], false)).toEqual([]);
  });

  it('deletes the slices of an address type the Service no longer has', async () => {
    const v6 = {
      metadata: { namespace: 'ns', name: 'web-v6', labels: sliceLabels(svc({})) },
      addressType: 'IPv6',
      endpoints: [],
    } as unknown as EndpointSlice;
    const [plan] = await run(svc({ selector: { app: 'web' }, ipFamilies: ['IPv4'] }), [v6]);
    expect(plan.delete.map((s) => s.metadata.name)).toEqual(['web-v6']);
  });

  it.each([
    { name: 'a headless Service', spec: { clusterIP: 'None' }, labels: {}, headless: true },
    { name: 'a Service with a cluster IP', spec: {}, labels: {}, headless: false },
    {
      name: 'a Service carrying reserved labels itself',
      spec: {},
      labels: { 'kubernetes.io/service-name': 'other', 'service.kubernetes.io/headless': '' },
      headless: false,
    },
  ] as { name: string; spec: Service['spec']; labels: Record<string, string>; headless: boolean }[])(
    'labels the slices of $name',
    ({ spec, labels, headless }) => {
      const got = sliceLabels(svc(spec, labels));
      expect(got['kubernetes.io/service-name']).toBe('web');
      expect('service.kubernetes.io/headless' in got).toBe(headless);
    },
  );
});
