// The declared reset fields: what each endpoint takes back from the stored object.
import { KubeObject } from '@kubenest/apimachinery';
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { applyResetFields, ResetFields, resetFieldsOf } from './reset-fields';
import { Strategy } from './strategy';

const stored = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Thing',
  metadata: { name: 'a', labels: { old: 'yes' } },
  spec: { size: 1, finalizers: ['kubernetes'] },
  status: { phase: 'Old' },
});
const written = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Thing',
  metadata: { name: 'a', labels: { new: 'yes' } },
  spec: { size: 2 },
  status: { phase: 'New' },
});

describe('applyResetFields', () => {
  it.each<{ name: string; reset: ResetFields; want: Partial<KubeObject> }>([
    {
      name: 'status from the stored object',
      reset: { fields: ['status'] },
      want: { metadata: { name: 'a', labels: { new: 'yes' } }, spec: { size: 2 }, status: { phase: 'Old' } },
    },
    {
      name: 'a nested field, set where the write had none',
      reset: { fields: ['spec.finalizers'] },
      want: { spec: { size: 2, finalizers: ['kubernetes'] }, status: { phase: 'New' } },
    },
    {
      name: 'everything but status',
      reset: { allBut: ['status'] },
      want: { metadata: { name: 'a', labels: { old: 'yes' } }, spec: stored().spec, status: { phase: 'New' } },
    },
    {
      name: 'everything but metadata and a nested field',
      reset: { allBut: ['metadata', 'spec.finalizers'] },
      want: { metadata: { name: 'a', labels: { new: 'yes' } }, spec: { size: 1 }, status: { phase: 'Old' } },
    },
  ])('$name', ({ reset, want }) => {
    const obj = written();
    applyResetFields(obj, stored(), reset);
    expect(obj).toMatchObject(want);
    expect(obj.spec).toEqual(want.spec ?? obj.spec);
  });

  it('removes a reset field the stored object does not have', () => {
    const obj = written();
    applyResetFields(obj, { ...stored(), status: undefined }, { fields: ['status'] });
    expect('status' in obj).toBe(false);
  });
});

describe('resetFieldsOf', () => {
  const base: Strategy = {
    kind: { group: '', version: 'v1', kind: 'Thing', plural: 'things' },
    namespaced: true,
    nameValidator: nameIsDNSSubdomain,
    validate: () => [],
  };

  it.each<{ name: string; strategy: Strategy; want: [string, ResetFields][] }>([
    { name: 'a kind without status resets nothing', strategy: base, want: [] },
    {
      name: 'a status subresource: main resets status, /status everything but status',
      strategy: { ...base, status: {} },
      want: [
        ['', { fields: ['status'] }],
        ['status', { allBut: ['status'] }],
      ],
    },
    {
      name: 'declared fields replace the defaults',
      strategy: {
        ...base,
        resetFields: { fields: ['spec', 'status'] },
        status: { resetFields: { fields: ['spec'] } },
        updateSubresources: { approval: { resetFields: { fields: ['spec'] } } },
      },
      want: [
        ['', { fields: ['spec', 'status'] }],
        ['status', { fields: ['spec'] }],
        ['approval', { fields: ['spec'] }],
      ],
    },
  ])('$name', ({ strategy, want }) => {
    expect([...resetFieldsOf(strategy)]).toEqual(want);
  });
});
