// The cached /openapi/v2 bodies: built once, JSON and protobuf from the same document, one ETag.
import { gunzipSync } from 'node:zlib';
import { testStrategies } from '../test-strategies';
import { must, named, text } from './fixtures/gnostic-reader';
import { OpenApiV2Cache } from './openapi-v2-cache';

describe('OpenApiV2Cache', () => {
  const cache = new OpenApiV2Cache(testStrategies);

  it('serves the same document as JSON and as protobuf', () => {
    const json = JSON.parse(cache.body('json').toString('utf8'));
    const paths = named(must(cache.body('protobuf'), 8), 2);
    expect([...paths.keys()]).toEqual(Object.keys(json.paths));
    expect(text(cache.body('protobuf'), 1)).toBe(json.swagger);
  });

  it('builds each body once', () => {
    expect(cache.body('protobuf')).toBe(cache.body('protobuf'));
    expect(cache.gzip('json')).toBe(cache.gzip('json'));
  });

  it('gzips the exact body', () => {
    expect(gunzipSync(cache.gzip('protobuf')).equals(cache.body('protobuf'))).toBe(true);
  });

  it('tags both formats with the quoted SHA-512 of the JSON document', () => {
    expect(cache.etag()).toMatch(/^"[0-9A-F]{128}"$/);
    expect(new OpenApiV2Cache(testStrategies).etag()).toBe(cache.etag());
  });
});
