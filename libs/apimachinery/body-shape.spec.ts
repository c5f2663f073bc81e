// Request bodies that nest too deep or hold too many objects and arrays are refused before anything
// recursive or costly sees them.
import { MAX_BODY_COLLECTIONS, MAX_BODY_DEPTH, checkBodyShape, jsonTextShape } from './body-shape';
import { statusErrorOf } from './testing/status-error-of';

describe('body shape', () => {
  it.each([
    { name: 'a pod', text: '{"metadata":{"name":"x"},"spec":{"containers":[{"name":"c"}]}}', depth: 4, collections: 5 },
    {
      name: 'exactly the depth limit',
      text: '['.repeat(MAX_BODY_DEPTH) + ']'.repeat(MAX_BODY_DEPTH),
      depth: MAX_BODY_DEPTH,
    },
    { name: 'one level more', text: '['.repeat(MAX_BODY_DEPTH + 1), depth: MAX_BODY_DEPTH + 1 },
    { name: 'brackets inside a string', text: `{"a":"${'['.repeat(5000)}"}`, depth: 1, collections: 1 },
    { name: 'an escaped quote inside a string', text: `{"a":"\\"${'['.repeat(5000)}"}`, depth: 1 },
    {
      name: 'depth hidden after a string',
      text: `{"a":"]]]",${'"b":{'.repeat(MAX_BODY_DEPTH)}`,
      depth: MAX_BODY_DEPTH + 1,
    },
    {
      name: 'a million empty objects',
      text: `[${Array(1_000_000).fill('{}').join(',')}]`,
      collections: MAX_BODY_COLLECTIONS + 1,
    },
  ])('JSON text: $name', ({ name: _name, text, ...want }) => {
    expect(jsonTextShape(text)).toMatchObject(want);
  });

  it('takes a body at both limits', () => {
    expect(() => checkBodyShape({ depth: MAX_BODY_DEPTH, collections: MAX_BODY_COLLECTIONS })).not.toThrow();
  });

  it.each([
    { shape: { depth: MAX_BODY_DEPTH + 1, collections: 1 }, refused: [400, 'BadRequest'] },
    { shape: { depth: 1, collections: MAX_BODY_COLLECTIONS + 1 }, refused: [413, 'RequestEntityTooLarge'] },
  ])('refuses $shape with $refused', ({ shape, refused }) => {
    const error = statusErrorOf(() => checkBodyShape(shape));
    expect([error.code, error.reason]).toEqual(refused);
  });
});
