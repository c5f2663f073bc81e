// Status errors as kube-apiserver words them, with the list of an Invalid one bounded, and their bodies as
// kube encodes them, byte for byte.
import { FieldError } from './field-error';
import { StatusError, maxInvalidCauses, successStatus } from './status-error';

const required = (i: number): FieldError => ({
  type: 'FieldValueRequired',
  field: `spec.containers[${i}].name`,
  message: 'Required value',
});

describe('StatusError.invalid', () => {
  it('lists each field error, one cause each', () => {
    const error = StatusError.invalid({ group: 'apps', kind: 'Deployment' }, 'web', [required(0), required(1)]);
    expect([error.code, error.reason, error.message]).toEqual([
      422,
      'Invalid',
      'Deployment.apps "web" is invalid: [spec.containers[0].name: Required value, spec.containers[1].name: Required value]',
    ]);
    expect(error.details).toEqual({
      name: 'web',
      group: 'apps',
      kind: 'Deployment',
      causes: [0, 1].map((i) => ({
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: `spec.containers[${i}].name`,
      })),
    });
  });

  it(`stops the list at ${maxInvalidCauses} and counts the rest`, () => {
    const errors = Array.from({ length: 200_000 }, (_, i) => required(i));
    const error = StatusError.invalid({ group: '', kind: 'Pod' }, 'p', errors);
    expect(error.details?.causes).toHaveLength(maxInvalidCauses);
    expect(error.message).toMatch(/spec\.containers\[999\]\.name: Required value, and 199000 more errors\]$/);
    expect(error.message.length).toBeLessThan(100_000);
  });
});

describe('the Status body', () => {
  it.each([
    {
      name: 'a core-group NotFound: no "group"',
      status: StatusError.notFound({ group: '', resource: 'configmaps' }, 'missing').toStatus(),
      want: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \\"missing\\" not found","reason":"NotFound","details":{"name":"missing","kind":"configmaps"},"code":404}',
    },
    {
      name: 'an Invalid one: details before code, causes as reason, message, field',
      status: StatusError.invalid({ group: 'apps', kind: 'Deployment' }, 'web', [
        { field: 'spec.replicas', type: 'FieldValueInvalid', message: 'Invalid value: -1: must be positive' },
      ]).toStatus(),
      want:
        '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Deployment.apps \\"web\\" is invalid: spec.replicas: Invalid value: -1: must be positive","reason":"Invalid",' +
        '"details":{"name":"web","group":"apps","kind":"Deployment","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: -1: must be positive","field":"spec.replicas"}]},"code":422}',
    },
    {
      name: 'a 503: retryAfterSeconds alone in details',
      status: StatusError.unavailable('the store is unavailable').toStatus(),
      want: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the store is unavailable","reason":"ServiceUnavailable","details":{"retryAfterSeconds":1},"code":503}',
    },
    {
      name: 'a cluster-scoped Forbidden without a name',
      status: StatusError.forbidden({ group: '', resource: 'nodes' }, '', 'no').toStatus(),
      want: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"nodes is forbidden: no","reason":"Forbidden","details":{"kind":"nodes"},"code":403}',
    },
    {
      name: "a delete's Success: no message, reason nor code",
      status: successStatus({ name: 'cm', group: '', kind: 'configmaps', uid: 'u-1' }),
      want: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"cm","kind":"configmaps","uid":"u-1"}}',
    },
  ])('$name', ({ status, want }) => {
    expect(JSON.stringify(status)).toBe(want);
  });

  it('keeps the details of a StatusError as the registry gave them', () => {
    expect(StatusError.notFound({ group: '', resource: 'pods' }, 'p').details).toEqual({
      name: 'p',
      group: '',
      kind: 'pods',
    });
  });
});
