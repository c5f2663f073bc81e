// Accept and Accept-Encoding negotiation of /openapi/v2, as kube-apiserver's kube-openapi handler answers.
import { acceptsGzip, contentTypeOf, negotiateOpenApiV2 } from './openapi-v2-negotiation';

describe('negotiateOpenApiV2', () => {
  it.each([
    ['kubectl 1.27', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'protobuf'],
    ['the current protobuf name', 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'protobuf'],
    ['JSON', 'application/json', 'json'],
    ['no Accept', undefined, 'json'],
    ['any', '*/*', 'json'],
    ['application/*', 'application/*', 'json'],
    [
      'protobuf preferred by q',
      'application/json;q=0.5, application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
      'protobuf',
    ],
    [
      'a specific type before a wildcard',
      '*/*, application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
      'protobuf',
    ],
    ['unsupported only', 'text/html', undefined],
    ['refused JSON', 'application/json;q=0', undefined],
  ])('%s → %s', (_name, accept, format) => {
    expect(negotiateOpenApiV2(accept)).toBe(format);
  });

  it('answers protobuf with the media type kube-apiserver sends', () => {
    expect(contentTypeOf('protobuf')).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    expect(contentTypeOf('json')).toBe('application/json');
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['gzip;q=0', false],
    ['identity', false],
    [undefined, false],
  ])('%s → %s', (header, accepted) => {
    expect(acceptsGzip(header)).toBe(accepted);
  });
});
