// Status errors as kube-apiserver words them, with the list of an Invalid one bounded.
import { FieldError } from './field-error';
import { StatusError, maxInvalidCauses } from './status-error';

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
