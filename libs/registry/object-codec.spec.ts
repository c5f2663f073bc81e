// Objects as the store keeps them (JSON without resourceVersion, apiVersion, kind and metadata
// first) and the JSON a response sends, made from the stored text without parsing it again.
import { KubeObject } from '@kubenest/apimachinery';
import {
  copyJsonObject,
  copyObject,
  encodeObject,
  jsonWithResourceVersion,
  objectJson,
  rememberJson,
} from './object-codec';

const pod = (metadata: KubeObject['metadata']): KubeObject =>
  ({ spec: { containers: [{ name: 'c' }] }, metadata, kind: 'Pod', apiVersion: 'v1' }) as KubeObject;

describe('object codec', () => {
  it('stores apiVersion, kind and metadata first and drops the resourceVersion', () => {
    expect(encodeObject(pod({ name: 'a', resourceVersion: '7' }))).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"containers":[{"name":"c"}]}}',
    );
  });

  it.each([
    { name: 'with other metadata', metadata: { name: 'a', labels: { 'x/metadata': '"metadata":{' } } },
    { name: 'with empty metadata', metadata: {} },
    { name: 'with a nested metadata before it in the input', metadata: { name: 'a' } },
  ])('adds the resourceVersion to the stored JSON: $name', ({ metadata }) => {
    const obj = { template: { metadata: { name: 'inner' } }, ...pod(metadata) } as KubeObject;
    const json = jsonWithResourceVersion(encodeObject(obj), 42);
    expect(JSON.parse(json)).toEqual({ ...obj, metadata: { ...metadata, resourceVersion: '42' } });
  });

  it('keeps the top-level metadata first even beside integer-like keys, which JavaScript orders first', () => {
    const obj = { 7: { metadata: { name: 'inner' } }, ...pod({ name: 'a' }) } as unknown as KubeObject;
    expect(JSON.parse(jsonWithResourceVersion(encodeObject(obj), 42))).toEqual({
      ...obj,
      metadata: { name: 'a', resourceVersion: '42' },
    });
  });

  it('stores an object without apiVersion, kind or metadata', () => {
    expect(encodeObject({ spec: {} } as unknown as KubeObject)).toBe('{"metadata":{},"spec":{}}');
    expect(JSON.parse(jsonWithResourceVersion('{"metadata":{}}', 3))).toEqual({ metadata: { resourceVersion: '3' } });
  });

  it('answers with the remembered JSON, or serialises an object it does not know', () => {
    const known = rememberJson(pod({ name: 'a' }), '{"remembered":true}');
    expect(objectJson(known)).toBe('{"remembered":true}');
    expect(objectJson(pod({ name: 'b' }))).toBe(JSON.stringify(pod({ name: 'b' })));
  });

  it.each([
    { name: 'a parsed object', value: JSON.parse(JSON.stringify(pod({ name: 'a', labels: { app: 'x' } }))) },
    {
      name: 'integer-like keys, nulls, empty objects and lists',
      value: { 2: [null, 1.5, true], a: {}, b: [], c: null },
    },
    { name: 'undefined fields, dropped', value: { status: 'Failure', details: undefined, metadata: {} } },
    { name: 'a scalar', value: 'text' },
  ])('copies plain JSON field by field as copyObject does: $name', ({ value }) => {
    const copy = copyJsonObject(value);
    expect(copy).toStrictEqual(copyObject(value));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
  });

  it('gives a copy that shares nothing with the original', () => {
    const original = pod({ name: 'a', labels: { app: 'x' } });
    const copy = copyJsonObject(original);
    copy.metadata.labels!.app = 'changed';
    (copy.spec as { containers: unknown[] }).containers.push({ name: 'd' });
    expect(original).toEqual(pod({ name: 'a', labels: { app: 'x' } }));
  });

  it('keeps a "__proto__" key as data, never as the copy\'s prototype', () => {
    const parsed = JSON.parse('{"data":{"__proto__":{"polluted":true}}}') as { data: Record<string, unknown> };
    const copy = copyJsonObject(parsed);
    expect(Object.getPrototypeOf(copy.data)).toBe(Object.prototype);
    expect((copy.data as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(copy.data)).toEqual(['__proto__']);
    expect(JSON.stringify(copy)).toBe('{"data":{"__proto__":{"polluted":true}}}');
  });
});
