// The nesting and the anchors and aliases of YAML text, counted before parsing, in every form.
import { stringify } from 'yaml';
import { yamlShape } from './yaml-shape';
import { cpuMsOf } from '@kubenest/apimachinery/testing/cpu-ms-of';

const unlimited = { depth: Infinity, references: Infinity };

const nested = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = i % 3 === 0 ? [value] : i % 3 === 1 ? { k: value } : [{ a: 1, b: value }];
  return value;
};

describe('yamlShape', () => {
  it.each([
    { name: 'a scalar', text: 'x\n', depth: 0 },
    { name: 'a map', text: 'a: 1\nb: 2\n', depth: 1 },
    { name: 'a sequence in a map at the same column', text: 'a:\n- x\n- y\nb: c\n', depth: 2 },
    { name: 'an indented sequence in a map', text: 'a:\n  - x\n  - y\n', depth: 2 },
    { name: 'compact nested sequences', text: '- - - a\n    - b\n- c\n', depth: 3 },
    { name: 'a map in a sequence', text: '- name: a\n  image: b\n- name: c\n', depth: 2 },
    { name: 'explicit keys', text: '? ? a\n  : b\n: c\n', depth: 2 },
    { name: 'flow collections', text: 'a: [1, {b: [2]}]\n', depth: 4 },
    { name: 'flow collections over lines', text: 'a: [1,\n  {b: [2,\n 3]}]\nc: d\n', depth: 4 },
    { name: 'structure inside a block scalar', text: 'key: |\n  - - - - -\n  [[[[\nother: 1\n', depth: 1 },
    { name: 'a folded scalar in a sequence', text: '- >-\n  - - - -\n  {{{\n- x\n', depth: 1 },
    { name: 'structure inside quotes', text: 'a: "- - [[ {{"\nb: \'x: [\'\n', depth: 1 },
    { name: 'a multi-line quoted scalar', text: 'a: "one\n  - - - two"\nb: 1\n', depth: 1 },
    { name: 'a comment', text: 'a: b # - - [[[\nc: d\n', depth: 1 },
    { name: 'documents', text: '--- |\n  - - - x\n---\n- - y\n...\n', depth: 2 },
    { name: '1,000 compact levels', text: '- '.repeat(1000) + 'x\n', depth: 1000 },
    {
      name: '2,000 indented maps',
      text: Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' x\n',
      depth: 2000,
    },
    {
      name: '2,000 indented sequences',
      text: Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}-`).join('\n') + ' x\n',
      depth: 2000,
    },
    { name: '1,000 explicit keys', text: '? '.repeat(1000) + 'x\n', depth: 1000 },
    { name: '1,000 flow levels', text: 'a: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n', depth: 1001 },
  ])('$name nests $depth deep', ({ text, depth }) => {
    expect(yamlShape(text, unlimited).depth).toBe(depth);
  });

  it.each([10, 50, 200])('counts what the parser builds: a value %i levels deep, block and flow', (levels) => {
    const depth = Math.round((levels * 4) / 3);
    const value = nested(levels);
    expect(yamlShape(stringify(value), unlimited).depth).toBeGreaterThanOrEqual(depth - 1);
    expect(yamlShape(stringify(value, { collectionStyle: 'flow' }), unlimited).depth).toBeGreaterThanOrEqual(depth - 1);
  });

  it.each([
    { name: 'anchors and aliases', text: 'a: &x 1\nb: *x\nc: [&y 2, *y]\n', references: 4 },
    { name: 'in quotes and plain scalars', text: 'a: "&x *y"\nb: x*y&z\n', references: 0 },
    { name: 'an anchor on a collection', text: 'a: &x\n  b: 1\nc: *x\n', references: 2 },
  ])('counts $name', ({ text, references }) => {
    expect(yamlShape(text, unlimited).references).toBe(references);
  });

  it('stops at once past a limit', () => {
    const text = '- '.repeat(1_500_000) + 'x\n';
    let depth = 0;
    expect(cpuMsOf(() => (depth = yamlShape(text, { depth: 1000, references: 1000 }).depth))).toBeLessThan(100);
    expect(depth).toBe(1001);
  });
});
