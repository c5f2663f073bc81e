import { bearerTokenOf } from './bearer-token';

describe('bearerTokenOf', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['Bearer', undefined],
    ['Bearer ', undefined],
    ['Basic abc', undefined],
    ['Bearer abc', 'abc'],
    ['BEARER abc', 'abc'],
    ['  Bearer abc  ', 'abc'],
    ['Bearer abc def', 'abc'],
  ])('%j → %j', (authorization, token) => {
    expect(bearerTokenOf({ headers: { authorization }, socket: {} })).toBe(token);
  });
});
