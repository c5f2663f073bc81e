// Request bodies that nest too deep are refused before anything recursive sees them.
import { flowNestsTooDeep, jsonNestsTooDeep, MAX_BODY_DEPTH, nestsTooDeep } from './body-depth';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('body depth', () => {
  it.each([
    { levels: 1, deep: false },
    { levels: MAX_BODY_DEPTH, deep: false },
    { levels: MAX_BODY_DEPTH + 1, deep: true },
    { levels: 100_000, deep: true },
  ])('a value of $levels levels is too deep: $deep', ({ levels, deep }) => {
    expect(nestsTooDeep(nested(levels))).toBe(deep);
  });

  it.each([
    { name: 'a pod in flow style', text: '{metadata: {name: x}, spec: {containers: [{name: c}]}}', deep: false },
    { name: 'closed brackets one after another', text: '[]'.repeat(5000), deep: false },
    { name: 'one more level than allowed', text: '['.repeat(MAX_BODY_DEPTH + 1), deep: true },
    { name: 'nested maps and sequences', text: '{a: ['.repeat(MAX_BODY_DEPTH), deep: true },
    { name: 'closing brackets inside quotes', text: '[ "}", '.repeat(MAX_BODY_DEPTH + 1), deep: true },
    { name: 'brackets in quoted and block scalars', text: "a: [ it's, {b: '}}]'} ]\nc: |\n  [[[[\n", deep: false },
  ])('YAML with $name is too deep: $deep', ({ text, deep }) => {
    expect(flowNestsTooDeep(text)).toBe(deep);
  });

  it.each([
    { name: 'a pod', text: '{"metadata":{"name":"x"},"spec":{"containers":[{"name":"c"}]}}', deep: false },
    { name: 'exactly the limit', text: '['.repeat(MAX_BODY_DEPTH) + ']'.repeat(MAX_BODY_DEPTH), deep: false },
    { name: 'one level more', text: '['.repeat(MAX_BODY_DEPTH + 1), deep: true },
    { name: 'brackets inside a string', text: `{"a":"${'['.repeat(5000)}"}`, deep: false },
    { name: 'an escaped quote inside a string', text: `{"a":"\\"${'['.repeat(5000)}"}`, deep: false },
    { name: 'depth hidden after a string', text: `{"a":"]]]",${'"b":{'.repeat(MAX_BODY_DEPTH)}`, deep: true },
  ])('JSON with $name is too deep: $deep', ({ text, deep }) => {
    expect(jsonNestsTooDeep(text)).toBe(deep);
  });
});
