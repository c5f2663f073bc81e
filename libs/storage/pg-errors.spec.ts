// Which database failures become retryable StoreErrors.
import { QueryFailedError } from 'typeorm';
import { toStoreError } from './pg-errors';
import { StoreError } from './store-error';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('toStoreError', () => {
  it.each([
    { name: 'connection refused', error: withCode('ECONNREFUSED'), want: 'unavailable' },
    { name: 'admin shutdown', error: withCode('57P01'), want: 'unavailable' },
    { name: 'server starting up', error: withCode('57P03'), want: 'unavailable' },
    { name: 'connection exception class', error: withCode('08006'), want: 'unavailable' },
    { name: 'terminated connection', error: new Error('Connection terminated unexpectedly'), want: 'unavailable' },
    { name: 'pool connect timeout', error: new Error('timeout exceeded when trying to connect'), want: 'unavailable' },
    { name: 'statement timeout', error: withCode('57014'), want: 'timeout' },
    { name: 'wrapped by TypeORM', error: new QueryFailedError('SELECT 1', [], withCode('57P01')), want: 'unavailable' },
  ])('$name → $want', ({ error, want }) => {
    const mapped = toStoreError(error);
    expect(StoreError.is(mapped) && mapped.code).toBe(want);
  });

  it('passes other errors through', () => {
    const error = withCode('42P01');
    expect(toStoreError(error)).toBe(error);
  });
});
