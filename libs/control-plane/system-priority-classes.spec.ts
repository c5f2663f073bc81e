// The system PriorityClasses and the Priority admission plugin through the in-process path, as the
// apiserver runs them: created idempotently, not deletable, resolved into new pods, and the
// scheduler's identity may bind pods and read classes but not write them.
import { Logger } from '@nestjs/common';
import type { Pod } from '@kubenest/api/core/types';
import type { PriorityClass } from '@kubenest/api/scheduling';
import { KUBE_SCHEDULER_USER } from '@kubenest/auth';
import { resources } from '@kubenest/client';
import { startTestControlPlane, TestControlPlane } from '@kubenest/testing/test-control-plane';
import { ensureSystemPriorityClasses } from './system-priority-classes';

const pod = (name: string, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
});

describe('system PriorityClasses and Priority admission', () => {
  let plane: TestControlPlane;
  const classes = () => plane.admin.resource<PriorityClass>(resources.priorityClasses);
  const pods = () => plane.admin.resource<Pod>(resources.pods);

  beforeEach(async () => {
    Logger.overrideLogger(false);
    plane = await startTestControlPlane();
    await ensureSystemPriorityClasses(plane.admin);
  });
  afterEach(() => plane.stop());

  it('creates the two system classes once, however often it runs', async () => {
    await ensureSystemPriorityClasses(plane.admin);
    const list = await classes().list(undefined);
    expect(list.items.map((pc) => [pc.metadata.name, pc.value, pc.globalDefault, pc.preemptionPolicy])).toEqual([
      ['system-cluster-critical', 2_000_000_000, undefined, 'PreemptLowerPriority'],
      ['system-node-critical', 2_000_001_000, undefined, 'PreemptLowerPriority'],
    ]);
  });

  it('refuses to delete a system class', async () => {
    await expect(classes().delete(undefined, 'system-node-critical')).rejects.toMatchObject({
      code: 403,
      message:
        'priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted',
    });
  });

  it('resolves a pod’s class, and the global default for a pod without one', async () => {
    await classes().create({ metadata: { name: 'batch' }, value: 10, preemptionPolicy: 'Never' });
    const batch = await pods().create(pod('a', { priorityClassName: 'batch' }));
    expect([batch.spec!.priority, batch.spec!.preemptionPolicy]).toEqual([10, 'Never']);
    const plain = await pods().create(pod('b'));
    expect([plain.spec!.priorityClassName, plain.spec!.priority, plain.spec!.preemptionPolicy]).toEqual([
      undefined,
      0,
      'PreemptLowerPriority',
    ]);

    await classes().create({ metadata: { name: 'fallback' }, value: 5, globalDefault: true });
    const defaulted = await pods().create(pod('c'));
    expect([defaulted.spec!.priorityClassName, defaulted.spec!.priority]).toEqual(['fallback', 5]);
    await expect(
      classes().create({ metadata: { name: 'other' }, value: 6, globalDefault: true }),
    ).rejects.toMatchObject({
      code: 403,
      message:
        'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass fallback is already marked as default. Only one default can exist',
    });
  });

  it('refuses a pod naming an unknown class, and keeps the priority on update', async () => {
    await expect(pods().create(pod('x', { priorityClassName: 'nope' }))).rejects.toMatchObject({
      code: 403,
      message: 'pods "x" is forbidden: no PriorityClass with name nope was found',
    });
    const critical = await pods().create(pod('y', { priorityClassName: 'system-node-critical' }));
    const updated = await pods().update({
      ...critical,
      metadata: { ...critical.metadata, labels: { a: 'b' } },
      spec: { ...critical.spec!, priority: undefined, preemptionPolicy: undefined },
    });
    expect(updated.spec!.priority).toBe(2_000_001_000);
  });

  it('lets the scheduler bind a pod and read classes, not write them', async () => {
    const scheduler = plane.clientFor(KUBE_SCHEDULER_USER);
    await pods().create(pod('p'));
    await scheduler.resource(resources.pods).createSubresource('default', 'p', 'binding', {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'p', namespace: 'default' },
      target: { kind: 'Node', name: 'n1' },
    } as never);
    expect((await pods().get('default', 'p')).spec!.nodeName).toBe('n1');
    expect((await scheduler.resource(resources.priorityClasses).list(undefined)).items).toHaveLength(2);
    await expect(
      scheduler.resource<PriorityClass>(resources.priorityClasses).create({ metadata: { name: 'mine' }, value: 1 }),
    ).rejects.toMatchObject({ code: 403 });
  });
});
