import { validateObject } from '@kubenest/registry';
import { PriorityClass } from '../types';
import { priorityClassStrategy } from './priorityclass.strategy';
import { systemPriorityClasses } from './system-priority-classes';

const now = new Date('2025-01-01T12:00:00Z');

const priorityClass = (name: string, fields: Partial<PriorityClass> = {}): PriorityClass => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name, creationTimestamp: '2025-01-01T11:59:50Z' as never },
  value: 1000,
  ...fields,
});

const messages = (pc: PriorityClass) =>
  validateObject(priorityClassStrategy, pc).map((e) => `${e.field}: ${e.message}`);

describe('PriorityClass validation', () => {
  it.each([
    { name: 'a user class', pc: priorityClass('high'), errors: [] },
    { name: 'the highest user value', pc: priorityClass('top', { value: 1_000_000_000 }), errors: [] },
    { name: 'a negative value', pc: priorityClass('low', { value: -5 }), errors: [] },
    {
      name: 'a user value above one billion',
      pc: priorityClass('huge', { value: 1_000_000_001 }),
      errors: ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
    },
    {
      name: 'an unknown system- name',
      pc: priorityClass('system-mine'),
      errors: [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
      ],
    },
    {
      name: 'a system class with another value',
      pc: priorityClass('system-node-critical', { value: 5 }),
      errors: [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000",
      ],
    },
    {
      name: 'a system class made the default',
      pc: priorityClass('system-cluster-critical', { value: 2_000_000_000, globalDefault: true }),
      errors: [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: globalDefault of system-cluster-critical PriorityClass must be false",
      ],
    },
    ...systemPriorityClasses().map((pc) => ({ name: `the system class ${pc.metadata.name}`, pc, errors: [] })),
    {
      name: 'an unknown preemptionPolicy',
      pc: priorityClass('p', { preemptionPolicy: 'Sometimes' as never }),
      errors: ['preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"'],
    },
    {
      name: 'an empty preemptionPolicy',
      pc: priorityClass('p', { preemptionPolicy: '' as never }),
      errors: ['preemptionPolicy: Required value'],
    },
    { name: 'preemptionPolicy Never', pc: priorityClass('p', { preemptionPolicy: 'Never' }), errors: [] },
    {
      name: 'a name that is no DNS subdomain',
      pc: priorityClass('High'),
      errors: [
        "metadata.name: Invalid value: \"High\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    },
  ])('$name', ({ pc, errors }) => {
    expect(messages(pc)).toEqual(errors);
  });
});

describe('PriorityClass updates', () => {
  const stored = priorityClass('high', { preemptionPolicy: 'PreemptLowerPriority' });

  it.each([
    { name: 'a new description', change: { description: 'x' }, errors: [] },
    { name: 'made the default', change: { globalDefault: true }, errors: [] },
    { name: 'a new value', change: { value: 1 }, errors: ['value: Forbidden: may not be changed in an update.'] },
    {
      name: 'a new preemptionPolicy',
      change: { preemptionPolicy: 'Never' as const },
      errors: ['preemptionPolicy: Invalid value: "Never": field is immutable'],
    },
  ])('$name', ({ change, errors }) => {
    const updated = { ...stored, ...change };
    priorityClassStrategy.prepareForUpdate!(updated, stored);
    const found = priorityClassStrategy.validateUpdate!(updated, stored).map((e) => `${e.field}: ${e.message}`);
    expect(found).toEqual(errors);
  });

  it('keeps the defaulted preemptionPolicy when an update leaves it out', () => {
    const updated = priorityClass('high');
    priorityClassStrategy.prepareForUpdate!(updated, stored);
    expect(priorityClassStrategy.validateUpdate!(updated, stored)).toEqual([]);
  });
});

describe('PriorityClass defaults and columns', () => {
  it('defaults preemptionPolicy to PreemptLowerPriority, and a missing value to 0, on create', () => {
    const pc = priorityClass('high', { value: undefined });
    priorityClassStrategy.prepareForCreate!(pc);
    expect([pc.value, pc.preemptionPolicy]).toEqual([0, 'PreemptLowerPriority']);
  });

  it.each([
    {
      name: 'a user class',
      pc: priorityClass('high', { preemptionPolicy: 'Never' }),
      cells: [1000, false, '10s', 'Never'],
    },
    {
      name: 'the default class',
      pc: priorityClass('d', { value: 7, globalDefault: true, preemptionPolicy: 'PreemptLowerPriority' }),
      cells: [7, true, '10s', 'PreemptLowerPriority'],
    },
  ])('$name', ({ pc, cells }) => {
    expect(priorityClassStrategy.columns!.map((c) => [c.name, c.type])).toEqual([
      ['Value', 'integer'],
      ['Global-Default', 'boolean'],
      ['Age', 'string'],
      ['PreemptionPolicy', 'string'],
    ]);
    expect(priorityClassStrategy.columns!.map((c) => c.cell(pc, now))).toEqual(cells);
  });
});
