// The harness with the scheduler: pods are bound through the real registry (pods/binding as
// system:kube-scheduler, authorized and admitted), the Lease kube-system/kube-scheduler is held,
// and a pod that fits nowhere gets kube's FailedScheduling message and PodScheduled condition.
import type { Node, Pod } from '@kubenest/api/core/types';
import { resources } from '@kubenest/client';
import { startTestControlPlane, TestControlPlane } from './test-control-plane';

const node = (name: string): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: {
    allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
    capacity: { cpu: '2', memory: '4Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: 'True' }],
  },
});

const pod = (name: string, cpu: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu } } }] },
});

const eventually = async <T>(get: () => Promise<T | undefined>, what: string): Promise<T> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('startTestControlPlane with the scheduler', () => {
  let plane: TestControlPlane;

  beforeAll(async () => {
    plane = await startTestControlPlane({ scheduler: { election: { retryPeriodMs: 100 } } });
    const nodes = plane.admin.resource<Node>(resources.nodes);
    const created = await nodes.create(node('n1'));
    if (!created.status?.conditions?.length) await nodes.updateStatus({ ...created, status: node('n1').status });
  });
  afterAll(() => plane.stop());

  it('binds a pod that fits, records Scheduled, and holds the Lease as system:kube-scheduler', async () => {
    const pods = plane.admin.resource<Pod>(resources.pods);
    await pods.create(pod('fits', '500m'));
    const bound = await eventually(async () => (await pods.get('default', 'fits')).spec?.nodeName, 'the binding');
    expect(bound).toBe('n1');
    const scheduled = await eventually(async () => {
      const events = await plane.admin.resource(resources.events).list('default');
      return events.items.find((e) => (e as { reason?: string }).reason === 'Scheduled');
    }, 'the Scheduled event');
    expect(scheduled).toMatchObject({
      message: 'Successfully assigned default/fits to n1',
      source: { component: 'default-scheduler' },
      type: 'Normal',
    });
    const lease = await plane.admin.resource(resources.leases).get('kube-system', 'kube-scheduler');
    expect((lease as { spec?: { holderIdentity?: string } }).spec?.holderIdentity).toBeTruthy();
    expect(plane.scheduler?.isLeader()).toBe(true);
  });

  it('leaves a pod too big Pending with FailedScheduling and PodScheduled=False', async () => {
    const pods = plane.admin.resource<Pod>(resources.pods);
    await pods.create(pod('too-big', '3'));
    const condition = await eventually(
      async () => (await pods.get('default', 'too-big')).status?.conditions?.find((c) => c.type === 'PodScheduled'),
      'the condition',
    );
    expect(condition).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message:
        '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    });
    const failed = await eventually(async () => {
      const events = await plane.admin.resource(resources.events).list('default');
      return events.items.find((e) => (e as { reason?: string }).reason === 'FailedScheduling');
    }, 'the FailedScheduling event');
    expect(failed).toMatchObject({
      type: 'Warning',
      message:
        '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    });
  });
});
