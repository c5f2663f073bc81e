// parseResourceVersion: uint64 decimals pass, anything else is kube's 400 quoting strconv.ParseUint.
import { StatusError } from '@kubenest/apimachinery';
import { parseResourceVersion } from './resource-version';

const refusal = (resourceVersion: string) => {
  try {
    parseResourceVersion(resourceVersion);
  } catch (e) {
    if (StatusError.is(e)) return { code: e.code, reason: e.reason, message: e.message };
    throw e;
  }
  throw new Error(`${resourceVersion} was accepted`);
};

describe('parseResourceVersion', () => {
  it.each([
    { rv: '0', want: 0 },
    { rv: '42', want: 42 },
    { rv: '007', want: 7 },
    { rv: '18446744073709551615', want: 18446744073709551615 },
  ])('$rv is $want', ({ rv, want }) => expect(parseResourceVersion(rv)).toBe(want));

  it.each([
    { rv: 'abc', why: 'invalid syntax' },
    { rv: '-1', why: 'invalid syntax' },
    { rv: '+1', why: 'invalid syntax' },
    { rv: '1e3', why: 'invalid syntax' },
    { rv: '1.5', why: 'invalid syntax' },
    { rv: ' 1', why: 'invalid syntax' },
    { rv: '1_000', why: 'invalid syntax' },
    { rv: '99999999999999999999', why: 'value out of range' },
    { rv: '18446744073709551616', why: 'value out of range' },
  ])('$rv is refused: $why', ({ rv, why }) =>
    expect(refusal(rv)).toEqual({
      code: 400,
      reason: 'BadRequest',
      message: `invalid resource version: resourceVersion: Invalid value: "${rv}": strconv.ParseUint: parsing "${rv}": ${why}`,
    }),
  );
});
