// The envelope, kind lookup and malformed input: every failure is a 400 Status, never a crash.
import { StatusError } from '../status-error';
import { decodeProtobufObject, isProtobuf, protobufKinds } from './index';
import { bool, concat, double, envelope, fixed32, int, msg, str, strMap } from './fixtures/proto-writer';
import { statusErrorOf } from '../testing/status-error-of';
import { cpuMsOf } from '../testing/cpu-ms-of';

const badRequest = (body: Uint8Array): StatusError => {
  try {
    decodeProtobufObject(body);
  } catch (error) {
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).code).toBe(400);
    expect((error as StatusError).reason).toBe('BadRequest');
    return error as StatusError;
  }
  throw new Error('decoded without error');
};

const namespace = envelope('v1', 'Namespace', msg(1, str(1, 'x')));

describe('isProtobuf', () => {
  it.each([
    ['application/vnd.kubernetes.protobuf', true],
    ['application/vnd.kubernetes.protobuf; charset=utf-8', true],
    ['Application/VND.Kubernetes.Protobuf', true],
    ['application/json', false],
    ['application/vnd.kubernetes.protobuf+json', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (contentType, expected) => {
    expect(isProtobuf(contentType)).toBe(expected);
  });
});

describe('decodeProtobufObject', () => {
  it('takes apiVersion and kind from the envelope', () => {
    expect(decodeProtobufObject(namespace)).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
  });

  it('ignores unknown envelope fields and contentType', () => {
    const body = Buffer.concat([namespace, str(4, ''), str(9, 'future')]);
    expect(decodeProtobufObject(body)).toMatchObject({ metadata: { name: 'x' } });
  });

  it('skips fields the schema does not know, whatever their wire type', () => {
    const body = envelope(
      'v1',
      'ConfigMap',
      msg(1, str(1, 'c'), fixed32(99, 7), int(98, 1)),
      strMap(2, { a: 'b' }),
      double(97, 1.5),
      msg(96, str(1, 'nested')),
      bool(95, true),
    );
    expect(decodeProtobufObject(body)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: 'b' },
    });
  });

  it('keeps a map key named __proto__ as a plain entry', () => {
    const object = decodeProtobufObject(
      envelope('v1', 'ConfigMap', msg(1, str(1, 'c')), strMap(2, { __proto__x: 'y' })),
    );
    const polluted = decodeProtobufObject(
      envelope('v1', 'ConfigMap', msg(1, str(1, 'c')), msg(2, str(1, '__proto__'), str(2, 'v'))),
    );
    expect(object.data).toEqual({ __proto__x: 'y' });
    expect(Object.keys(polluted.data as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(polluted.data)).toBe(Object.prototype);
  });

  it('gives map entries without a value their zero value', () => {
    const body = envelope('v1', 'ConfigMap', msg(1, str(1, 'c')), msg(2, str(1, 'empty')), msg(3, str(1, 'blob')));
    expect(decodeProtobufObject(body)).toMatchObject({ data: { empty: '' }, binaryData: { blob: '' } });
  });

  it('reads packed and unpacked repeated numbers alike', () => {
    const packed = concat(Buffer.from([(4 << 3) | 2, 4]), Buffer.from([0xe8, 0x07, 0xd0, 0x0f]));
    const body = envelope('v1', 'Pod', msg(1, str(1, 'p')), msg(2, msg(14, packed, int(4, 3000))));
    expect(decodeProtobufObject(body)).toMatchObject({
      spec: { securityContext: { supplementalGroups: [1000, 2000, 3000] } },
    });
  });

  it('reads 64-bit and negative integers', () => {
    const body = envelope('v1', 'Pod', msg(1, str(1, 'p'), int(7, 2 ** 40)), msg(2, int(4, -1)));
    expect(decodeProtobufObject(body)).toMatchObject({
      metadata: { generation: 2 ** 40 },
      spec: { terminationGracePeriodSeconds: -1 },
    });
  });

  it('lists the kinds it decodes', () => {
    expect(protobufKinds()).toEqual(
      expect.arrayContaining(
        [
          ['v1', 'Namespace'],
          ['v1', 'Pod'],
          ['v1', 'Node'],
          ['v1', 'Service'],
          ['v1', 'Endpoints'],
          ['v1', 'ConfigMap'],
          ['v1', 'Secret'],
          ['v1', 'ServiceAccount'],
          ['v1', 'Event'],
          ['events.k8s.io/v1', 'Event'],
          ['coordination.k8s.io/v1', 'Lease'],
          ['apps/v1', 'Deployment'],
          ['apps/v1', 'ReplicaSet'],
          ['autoscaling/v1', 'Scale'],
          ['v1', 'DeleteOptions'],
          ['meta.k8s.io/v1', 'DeleteOptions'],
          ['authorization.k8s.io/v1', 'SelfSubjectAccessReview'],
          ['authorization.k8s.io/v1', 'SelfSubjectRulesReview'],
          ['authentication.k8s.io/v1', 'SelfSubjectReview'],
          ['authentication.k8s.io/v1', 'TokenRequest'],
        ].map(([apiVersion, kind]) => ({ apiVersion, kind })),
      ),
    );
  });

  it.each(protobufKinds())('decodes an empty $apiVersion $kind', ({ apiVersion, kind }) => {
    expect(decodeProtobufObject(envelope(apiVersion, kind))).toEqual({ apiVersion, kind });
  });
});

describe('decodeProtobufObject rejects', () => {
  it.each([
    { name: 'an empty body', body: Buffer.alloc(0), message: 'empty data' },
    {
      name: 'a JSON body',
      body: Buffer.from('{"kind":"Namespace"}'),
      message: 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    },
    { name: 'the magic alone', body: Buffer.from('k8s\0', 'latin1'), message: 'empty body' },
    {
      name: 'an unknown kind',
      body: envelope('v1', 'Foo'),
      message: 'no kind "Foo" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    },
    {
      name: 'a kind in another group',
      body: envelope('apps/v1', 'Pod'),
      message: 'no kind "Pod" is registered for version "apps/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    },
    {
      name: 'a missing kind',
      body: envelope('v1', ''),
      message: `Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:"v1", Kind:""}'`,
    },
    {
      name: 'a missing apiVersion',
      body: envelope('', 'Pod'),
      message: `Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:"", Kind:"Pod"}'`,
    },
    { name: 'a truncated body', body: namespace.subarray(0, namespace.length - 2), message: 'unexpected EOF' },
    {
      name: 'a known field with the wrong wire type',
      body: envelope('v1', 'Namespace', int(1, 5)),
      message: 'proto: wrong wireType = 0 for field metadata',
    },
    {
      name: 'a scalar with the wrong wire type',
      body: envelope('v1', 'Namespace', msg(1, int(1, 5))),
      message: 'proto: wrong wireType = 0 for field name',
    },
    {
      name: 'field number 0',
      body: envelope('v1', 'Namespace', Buffer.from([0x02, 0x00])),
      message: 'proto: illegal tag 0',
    },
    {
      name: 'an invalid wire type',
      body: envelope('v1', 'Namespace', Buffer.from([(9 << 3) | 7])),
      message: expect.stringMatching(/^proto: /),
    },
  ])('$name', ({ body, message }) => {
    expect(badRequest(body).message).toEqual(message);
  });
});

describe('decodeProtobufObject within the body limits', () => {
  const refusal = (body: Uint8Array): StatusError => statusErrorOf(() => decodeProtobufObject(body));
  // A ManagedFieldsEntry (metadata field 17) holding fieldsV1 {1 raw JSON}.
  const fieldsV1 = (json: string) => msg(1, msg(17, msg(7, str(1, json))));

  it('refuses 3 MB of empty repeated messages at the limit, without decoding them all', () => {
    const emptyContainers = Buffer.alloc(3_000_000);
    for (let i = 0; i < emptyContainers.length; i += 2) emptyContainers[i] = (2 << 3) | 2;
    let error = new StatusError(200, 'BadRequest', '');
    expect(cpuMsOf(() => (error = refusal(envelope('v1', 'Pod', msg(2, emptyContainers)))))).toBeLessThan(500);
    expect([error.code, error.message]).toEqual([413, 'the request body holds more than 100000 objects and arrays']);
  });

  it.each([
    { name: 'too deep', json: '['.repeat(1001), code: 400 },
    { name: 'too many objects', json: `[${Array(100_001).fill('{}').join(',')}]`, code: 413 },
  ])('refuses embedded JSON $name before parsing it', ({ json, code }) => {
    expect(refusal(envelope('v1', 'ConfigMap', fieldsV1(json))).code).toBe(code);
  });

  it('decodes embedded JSON within the limits', () => {
    expect(decodeProtobufObject(envelope('v1', 'ConfigMap', fieldsV1('{"f:data":{}}')))).toMatchObject({
      metadata: { managedFields: [{ fieldsV1: { 'f:data': {} } }] },
    });
  });
});
