// Objects as the store keeps them (JSON without resourceVersion, apiVersion, kind and metadata
// first) and the JSON a response sends, made from the stored text without parsing it again.
import { KubeObject } from '@kubenest/apimachinery';
import { encodeObject, jsonWithResourceVersion, objectJson, rememberJson } from './object-codec';

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
});
