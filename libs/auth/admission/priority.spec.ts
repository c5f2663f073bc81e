import type { Pod } from '@kubenest/api/core/types';
import { PriorityClass, systemPriorityClasses } from '@kubenest/api/scheduling';
import { StatusError } from '@kubenest/apimachinery';
import { AdmissionAttributes } from '@kubenest/registry';
import { globalDefaultClass, Priority, PriorityClassReader } from './priority';

const podKind = { group: '', version: 'v1', kind: 'Pod', plural: 'pods' };
const pcKind = { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', plural: 'priorityclasses' };

const pc = (name: string, value: number, extra: Partial<PriorityClass> = {}): PriorityClass => ({
  metadata: { name },
  value,
  preemptionPolicy: 'PreemptLowerPriority',
  ...extra,
});

const reader = (classes: PriorityClass[]): PriorityClassReader => ({
  get: async (name) => classes.find((c) => c.metadata.name === name),
  list: async () => classes,
});

const high = pc('high', 1000);
const never = pc('batch', 10, { preemptionPolicy: 'Never' });
const fallback = pc('fallback', 5, { globalDefault: true, preemptionPolicy: 'Never' });
const system = systemPriorityClasses().map((c) => ({ ...c, preemptionPolicy: 'PreemptLowerPriority' as const }));

const admitPod = async (
  classes: PriorityClass[],
  spec: Partial<NonNullable<Pod['spec']>>,
  over: Partial<AdmissionAttributes> = {},
) => {
  const pod: Pod = { metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [{ name: 'c' }], ...spec } };
  await new Priority(reader(classes)).admit({
    operation: 'CREATE',
    kind: podKind,
    name: 'p',
    namespace: 'ns',
    dryRun: false,
    object: pod,
    ...over,
  });
  const { priorityClassName, priority, preemptionPolicy } = pod.spec!;
  return { priorityClassName, priority, preemptionPolicy };
};

const refusal = async (run: Promise<unknown>) => {
  try {
    await run;
  } catch (e) {
    if (StatusError.is(e)) return `${e.code} ${e.message}`;
    throw e;
  }
  return 'admitted';
};

describe('Priority admission of pods', () => {
  it.each([
    {
      name: 'a class resolves into priority and preemptionPolicy',
      classes: [high, never],
      spec: { priorityClassName: 'batch' },
      want: { priorityClassName: 'batch', priority: 10, preemptionPolicy: 'Never' },
    },
    {
      name: 'no class and no default: priority 0',
      classes: [high, ...system],
      spec: {},
      want: { priorityClassName: undefined, priority: 0, preemptionPolicy: 'PreemptLowerPriority' },
    },
    {
      name: 'no class: the global default, named in the spec',
      classes: [high, fallback],
      spec: {},
      want: { priorityClassName: 'fallback', priority: 5, preemptionPolicy: 'Never' },
    },
    {
      name: 'several defaults (a race): the lowest value',
      classes: [pc('d1', 50, { globalDefault: true }), fallback],
      spec: {},
      want: { priorityClassName: 'fallback', priority: 5, preemptionPolicy: 'Never' },
    },
    {
      name: 'a system class in any namespace (kube leaves this to quotas)',
      classes: system,
      spec: { priorityClassName: 'system-node-critical' },
      want: {
        priorityClassName: 'system-node-critical',
        priority: 2_000_001_000,
        preemptionPolicy: 'PreemptLowerPriority',
      },
    },
    {
      name: 'the same priority as the class is accepted',
      classes: [high],
      spec: { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' as const },
      want: { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' },
    },
    {
      name: 'a class without preemptionPolicy leaves the pod’s',
      classes: [pc('old', 3, { preemptionPolicy: undefined })],
      spec: { priorityClassName: 'old', preemptionPolicy: 'Never' as const },
      want: { priorityClassName: 'old', priority: 3, preemptionPolicy: 'Never' },
    },
  ])('$name', async ({ classes, spec, want }) => {
    expect(await admitPod(classes, spec)).toEqual(want);
  });

  it.each([
    {
      name: 'an unknown class',
      spec: { priorityClassName: 'nope' },
      want: '403 pods "p" is forbidden: no PriorityClass with name nope was found',
    },
    {
      name: 'a priority that differs from the class',
      spec: { priorityClassName: 'high', priority: 2_000_000_000 },
      want: '403 pods "p" is forbidden: the integer value of priority (2000000000) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name',
    },
    {
      name: 'a priority without any class',
      spec: { priority: 7 },
      want: '403 pods "p" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    },
    {
      name: 'a preemptionPolicy that differs from the class',
      spec: { priorityClassName: 'batch', preemptionPolicy: 'PreemptLowerPriority' as const },
      want: '403 pods "p" is forbidden: the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name',
    },
  ])('refuses $name', async ({ spec, want }) => {
    expect(await refusal(admitPod([high, never], spec))).toBe(want);
  });

  it.each([
    { name: 'an update', over: { operation: 'UPDATE' as const } },
    { name: 'a subresource', over: { subresource: 'status' } },
    { name: 'another kind', over: { kind: { ...podKind, kind: 'ConfigMap', plural: 'configmaps' } } },
  ])('leaves $name alone', async ({ over }) => {
    expect(await admitPod([], { priorityClassName: 'nope' }, over)).toEqual({
      priorityClassName: 'nope',
      priority: undefined,
      preemptionPolicy: undefined,
    });
  });
});

describe('Priority admission of PriorityClasses', () => {
  const validate = (classes: PriorityClass[], over: Partial<AdmissionAttributes>) =>
    refusal(
      new Priority(reader(classes)).validate({ kind: pcKind, dryRun: false, operation: 'CREATE', name: '', ...over }),
    );

  it.each([
    {
      name: 'a first default',
      classes: [high],
      operation: 'CREATE' as const,
      object: pc('d', 1, { globalDefault: true }),
      want: 'admitted',
    },
    {
      name: 'a second default',
      classes: [high, fallback],
      operation: 'CREATE' as const,
      object: pc('d', 1, { globalDefault: true }),
      want: '403 priorityclasses.scheduling.k8s.io "d" is forbidden: PriorityClass fallback is already marked as default. Only one default can exist',
    },
    {
      name: 'another class made the default',
      classes: [high, fallback],
      operation: 'UPDATE' as const,
      object: { ...high, globalDefault: true },
      want: '403 priorityclasses.scheduling.k8s.io "high" is forbidden: PriorityClass fallback is already marked as default. Only one default can exist',
    },
    {
      name: 'the default updated',
      classes: [high, fallback],
      operation: 'UPDATE' as const,
      object: { ...fallback, description: 'x' },
      want: 'admitted',
    },
    {
      name: 'a class that is no default',
      classes: [fallback],
      operation: 'CREATE' as const,
      object: pc('x', 1),
      want: 'admitted',
    },
  ])('$name', async ({ classes, operation, object, want }) => {
    expect(await validate(classes, { operation, object, name: object.metadata.name! })).toBe(want);
  });

  it.each([
    {
      name: 'system-node-critical',
      want: '403 priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted',
    },
    {
      name: 'system-cluster-critical',
      want: '403 priorityclasses.scheduling.k8s.io "system-cluster-critical" is forbidden: this is a system priority class and cannot be deleted',
    },
    { name: 'high', want: 'admitted' },
  ])('deleting $name', async ({ name, want }) => {
    expect(await validate(system, { operation: 'DELETE', name, oldObject: pc(name, 1) })).toBe(want);
  });
});

describe('globalDefaultClass', () => {
  it.each([
    { name: 'none', classes: [high], want: undefined },
    { name: 'one', classes: [high, fallback], want: 'fallback' },
    {
      name: 'the lowest of several',
      classes: [pc('a', 9, { globalDefault: true }), pc('b', -1, { globalDefault: true })],
      want: 'b',
    },
  ])('$name', ({ classes, want }) => {
    expect(globalDefaultClass(classes)?.metadata.name).toBe(want);
  });
});
