// Unknown-field detection by schema and the fieldValidation decision.
import { StatusError } from '@kubenest/apimachinery';
import { applyFieldValidation, parseFieldValidation } from './field-validation';
import { GroupVersionKind } from '@kubenest/apimachinery';
import { checkStructure } from './structure-check';

const findUnknownFields = (gvk: GroupVersionKind, obj: unknown) => checkStructure(gvk, obj, false).unknownFields;

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
    {
      name: "names of Object.prototype's own fields",
      obj: newPod({ constructor: 1, toString: 2, hasOwnProperty: 3 }),
      want: ['spec.constructor', 'spec.toString', 'spec.hasOwnProperty'],
    },
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
    expect(checkStructure(pod, obj, true).unknownFields).toEqual(['spec.containers[0].bar', 'spec.foo']);
    expect(obj).toEqual(newPod());
  });
});

describe('checkStructure type mismatches', () => {
  const configMap = { group: '', version: 'v1', kind: 'ConfigMap' };
  const deployment = { group: 'apps', version: 'v1', kind: 'Deployment' };

  it.each([
    { name: 'a valid pod', gvk: pod, obj: newPod(), want: [] },
    {
      name: 'quantities and int-or-strings in either form',
      gvk: pod,
      obj: newPod(
        {},
        { resources: { requests: { cpu: 1, memory: '1Gi' } }, livenessProbe: { httpGet: { port: 'http' } } },
      ),
      want: [],
    },
    { name: 'null as the zero value', gvk: pod, obj: { ...newPod(), metadata: { name: 'x', labels: null } }, want: [] },
    {
      name: 'an object in a map of strings',
      gvk: configMap,
      obj: { metadata: { name: 'x' }, data: { a: { b: 1 } } },
      want: [{ path: 'data.a', expected: 'string', got: 'object' }],
    },
    {
      name: 'a number for a string and a string for an integer',
      gvk: pod,
      obj: newPod({}, { image: 5, ports: [{ containerPort: '80' }] }),
      want: [
        { path: 'spec.containers[0].image', expected: 'string', got: 'number' },
        { path: 'spec.containers[0].ports[0].containerPort', expected: 'integer', got: 'string' },
      ],
    },
    {
      name: 'a fraction for an integer',
      gvk: deployment,
      obj: { metadata: { name: 'x' }, spec: { replicas: 1.5 } },
      want: [{ path: 'spec.replicas', expected: 'integer', got: 'number 1.5' }],
    },
    {
      name: 'a list where an object belongs',
      gvk: pod,
      obj: { metadata: [] },
      want: [{ path: 'metadata', expected: 'object', got: 'array' }],
    },
    {
      name: 'a bool for a quantity',
      gvk: pod,
      obj: newPod({}, { resources: { limits: { cpu: true } } }),
      want: [{ path: 'spec.containers[0].resources.limits.cpu', expected: 'string or number', got: 'bool' }],
    },
  ])('$name', ({ gvk, obj, want }) => {
    expect(checkStructure(gvk, obj, false).typeMismatches).toEqual(want);
  });
});

describe('checkStructure nulls', () => {
  it('reads a null as Go does: an unset field, or the zero value in a list or map', () => {
    const obj = {
      metadata: { name: 'x', labels: { a: null }, annotations: null, finalizers: [null] },
      spec: { containers: [null, { name: 'c', ports: [null], resources: { limits: { cpu: null } } }], volumes: null },
    };
    expect(checkStructure(pod, obj, true)).toEqual({ unknownFields: [], typeMismatches: [] });
    expect(obj).toEqual({
      metadata: { name: 'x', labels: { a: '' }, finalizers: [''] },
      spec: { containers: [{}, { name: 'c', ports: [{}], resources: { limits: { cpu: '0' } } }] },
    });
  });
});

describe('checkStructure empty optional fields', () => {
  const endpoints = { group: '', version: 'v1', kind: 'Endpoints' };
  const configMap = { group: '', version: 'v1', kind: 'ConfigMap' };
  it.each([
    {
      name: "ObjectMeta's empty maps and lists are left out",
      gvk: pod,
      obj: { metadata: { name: 'x', annotations: {}, labels: {}, finalizers: [], ownerReferences: [] }, spec: {} },
      want: { metadata: { name: 'x' }, spec: {} },
    },
    { name: "an Endpoints' empty subsets", gvk: endpoints, obj: { subsets: [] }, want: {} },
    {
      name: 'empty lists inside list items',
      gvk: endpoints,
      obj: { subsets: [{ addresses: [{ ip: '10.0.0.1' }], notReadyAddresses: [], ports: [] }] },
      want: { subsets: [{ addresses: [{ ip: '10.0.0.1' }] }] },
    },
    { name: "a ConfigMap's empty data and binaryData", gvk: configMap, obj: { data: {}, binaryData: {} }, want: {} },
    {
      name: 'a required list, structs and map values stay',
      gvk: pod,
      obj: {
        spec: { containers: [], nodeSelector: { a: '' }, securityContext: {} },
        status: {},
      },
      want: { spec: { containers: [], nodeSelector: { a: '' }, securityContext: {} }, status: {} },
    },
    {
      name: "a container's empty env and a struct of empty maps",
      gvk: pod,
      obj: { spec: { containers: [{ name: 'c', env: [], resources: { limits: {}, requests: {} } }] } },
      want: { spec: { containers: [{ name: 'c', resources: {} }] } },
    },
  ])('$name', ({ gvk, obj, want }) => {
    expect(checkStructure(gvk, obj, true)).toEqual({ unknownFields: [], typeMismatches: [] });
    expect(obj).toStrictEqual(want);
  });
});

describe('applyFieldValidation', () => {
  it.each(['Strict', 'Warn', 'Ignore'] as const)('%s fails a value of the wrong type as kube decoding does', (mode) => {
    const run = () =>
      applyFieldValidation(mode, { group: '', version: 'v1', kind: 'ConfigMap' }, { data: { a: { b: 1 } } });
    expect(run).toThrow(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal object into Go struct field ConfigMap.data.a of type string',
    );
  });

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
