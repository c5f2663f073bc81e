// JSON forms of the messages Kubernetes maps specially: times, durations, quantities, int-or-string, raw JSON.
import { StatusError } from '../status-error';
import { concat, int, raw, str } from './fixtures/proto-writer';
import { decodeMessage } from './message-decoder';

const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('well-known messages', () => {
  it.each([
    { type: 'meta.v1.Time', bytes: int(1, seconds('2024-01-02T03:04:05Z')), json: '2024-01-02T03:04:05Z' },
    // meta/v1 Time keeps whole seconds only, as Go's decoder does.
    {
      type: 'meta.v1.Time',
      bytes: concat(int(1, seconds('2024-01-02T03:04:05Z')), int(2, 999_999_999)),
      json: '2024-01-02T03:04:05Z',
    },
    { type: 'meta.v1.Time', bytes: new Uint8Array(), json: null },
    { type: 'meta.v1.Time', bytes: int(2, 0), json: '1970-01-01T00:00:00Z' },
    {
      type: 'meta.v1.MicroTime',
      bytes: concat(int(1, seconds('2024-01-02T03:04:05Z')), int(2, 123_456_789)),
      json: '2024-01-02T03:04:05.123456Z',
    },
    { type: 'meta.v1.MicroTime', bytes: int(1, seconds('2024-01-02T03:04:05Z')), json: '2024-01-02T03:04:05.000000Z' },
    { type: 'meta.v1.MicroTime', bytes: new Uint8Array(), json: null },
    { type: 'meta.v1.Duration', bytes: int(1, 90 * 60 * 1e9), json: '1h30m0s' },
    { type: 'meta.v1.Duration', bytes: new Uint8Array(), json: '0s' },
    { type: 'resource.Quantity', bytes: str(1, '1536Mi'), json: '1536Mi' },
    { type: 'resource.Quantity', bytes: new Uint8Array(), json: '0' },
    { type: 'intstr.IntOrString', bytes: concat(int(1, 0), int(2, 8080)), json: 8080 },
    { type: 'intstr.IntOrString', bytes: concat(int(1, 1), str(3, '25%')), json: '25%' },
    { type: 'intstr.IntOrString', bytes: concat(int(1, 0), int(2, 0), str(3, '')), json: 0 },
    { type: 'runtime.RawExtension', bytes: raw(1, Buffer.from('{"a":[1,2]}')), json: { a: [1, 2] } },
    { type: 'runtime.RawExtension', bytes: new Uint8Array(), json: null },
    {
      type: 'meta.v1.FieldsV1',
      bytes: raw(1, Buffer.from('{"f:data":{"f:a":{}}}')),
      json: { 'f:data': { 'f:a': {} } },
    },
  ])('$type → $json', ({ type, bytes, json }) => {
    expect(decodeMessage(bytes, type)).toEqual(json);
  });

  it('rejects a RawExtension that is not JSON', () => {
    expect(() => decodeMessage(raw(1, Buffer.from([0x6b, 0x38, 0x73, 0x00])), 'runtime.RawExtension')).toThrow(
      StatusError,
    );
  });

  it('rejects a time outside years 0-9999', () => {
    expect(() => decodeMessage(int(1, 1e12), 'meta.v1.Time')).toThrow(StatusError);
  });

  it('decodes managedFields with their time and fieldsV1', () => {
    const entry = concat(
      str(1, 'kubectl'),
      str(2, 'Update'),
      str(3, 'v1'),
      raw(4, int(1, seconds('2024-01-02T03:04:05Z'))),
      str(6, 'FieldsV1'),
      raw(7, raw(1, Buffer.from('{"f:data":{}}'))),
      str(8, ''),
    );
    expect(decodeMessage(concat(str(1, 'c'), raw(17, entry)), 'meta.v1.ObjectMeta')).toEqual({
      name: 'c',
      managedFields: [
        {
          manager: 'kubectl',
          operation: 'Update',
          apiVersion: 'v1',
          time: '2024-01-02T03:04:05Z',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': {} },
        },
      ],
    });
  });

  it('unwraps list wrappers such as UserInfo extra values', () => {
    const extra = raw(4, concat(str(1, 'scopes'), raw(2, concat(str(1, 'read'), str(1, 'write')))));
    expect(decodeMessage(concat(str(1, 'alice'), extra), 'authentication.v1.UserInfo')).toEqual({
      username: 'alice',
      extra: { scopes: ['read', 'write'] },
    });
  });
});
