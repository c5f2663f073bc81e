// Unknown-field detection by schema and the fieldValidation decision.
import { StatusError } from '@kubenest/apimachinery';
import { applyFieldValidation, parseFieldValidation } from './field-validation';
import { findUnknownFields, pruneUnknownFields } from './unknown-fields';

const pod = { group: '', version: 'v1', kind: 'Pod' };
const newPod = (extra: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { 'any-key': 'x' }, annotations: { a: 'b' } },
  spec: {
    containers: [
      { name: 'c', image: 'nginx', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } }, ...container },
    ],
    ...extra,
  },
});

describe('findUnknownFields', () => {
  it.each([
    { name: 'a valid pod', obj: newPod(), want: [] },
    { name: 'unknown in a container', obj: newPod({}, { foo: 1 }), want: ['spec.containers[0].foo'] },
    { name: 'unknown in spec', obj: newPod({ foo: 1, bar: { x: 1 } }), want: ['spec.foo', 'spec.bar'] },
    { name: 'unknown at the top', obj: { ...newPod(), extra: true }, want: ['extra'] },
    { name: 'unknown in metadata', obj: { ...newPod(), metadata: { name: 'x', nme: 'y' } }, want: ['metadata.nme'] },
    { name: 'map keys are free', obj: newPod({ nodeSelector: { whatever: 'x' } }), want: [] },
  ])('$name', ({ obj, want }) => {
    expect(findUnknownFields(pod, obj)).toEqual(want);
  });

  it('does not look inside free-form objects', () => {
    const fieldsV1 = { 'f:metadata': { 'f:labels': {} } };
    const obj = { ...newPod(), metadata: { name: 'x', managedFields: [{ manager: 'kubectl', fieldsV1 }] } };
    expect(findUnknownFields(pod, obj)).toEqual([]);
  });

  it('checks the subresource kind and answers nothing for kinds without a schema', () => {
    expect(
      findUnknownFields({ group: 'autoscaling', version: 'v1', kind: 'Scale' }, { spec: { replicas: 2, rep: 1 } }),
    ).toEqual(['spec.rep']);
    expect(findUnknownFields({ group: 'example.com', version: 'v1', kind: 'Widget' }, { foo: 1 })).toEqual([]);
    expect(
      findUnknownFields(
        { group: 'apps', version: 'v1', kind: 'DeleteOptions' },
        { propagationPolicy: 'Background', x: 1 },
      ),
    ).toEqual(['x']);
  });

  it('prunes in place', () => {
    const obj = newPod({ foo: 1 }, { bar: 2 });
    expect(pruneUnknownFields(pod, obj)).toEqual(['spec.containers[0].bar', 'spec.foo']);
    expect(obj).toEqual(newPod());
  });
});

describe('applyFieldValidation', () => {
  it('Strict fails with one message naming every field', () => {
    const run = () => applyFieldValidation('Strict', pod, newPod({ foo: 1 }, { bar: 2 }));
    expect(run).toThrow(StatusError);
    expect(run).toThrow('strict decoding error: unknown field "spec.containers[0].bar", unknown field "spec.foo"');
    try {
      run();
    } catch (e) {
      expect((e as StatusError).code).toBe(400);
    }
  });

  it('Strict passes a valid object untouched', () => {
    expect(applyFieldValidation('Strict', pod, newPod())).toEqual({ warnings: [] });
  });

  it.each([
    ['Warn', ['unknown field "spec.foo"']],
    ['Ignore', []],
  ] as const)('%s drops unknown fields', (mode, warnings) => {
    const obj = newPod({ foo: 1 });
    expect(applyFieldValidation(mode, pod, obj)).toEqual({ warnings });
    expect(obj).toEqual(newPod());
  });

  it.each([
    [undefined, 'Warn'],
    ['', 'Warn'],
    ['Strict', 'Strict'],
    ['Ignore', 'Ignore'],
  ])('parseFieldValidation(%p) is %s', (raw, want) => {
    expect(parseFieldValidation(raw)).toBe(want);
  });

  it('rejects an unknown mode', () => {
    expect(() => parseFieldValidation('strict')).toThrow(StatusError);
  });
});
