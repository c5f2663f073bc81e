// YAML bodies to JSON text, within limits; each step linear in the text.
import { stringify } from 'yaml';
import { YamlLimits, decodeYaml } from './yaml-decode';
import { cpuMsOf } from '@kubenest/apimachinery/testing/cpu-ms-of';

const limits: YamlLimits = { depth: 1000, collections: 100_000, references: 1000, jsonBytes: 6 * 1024 * 1024 };
const decode = (text: string, overrides: Partial<YamlLimits> = {}) =>
  decodeYaml({ text, limits: { ...limits, ...overrides } });

describe('decodeYaml', () => {
  it.each([
    {
      name: 'a ConfigMap',
      text: 'kind: ConfigMap\ndata:\n  a: "1"\n  b: |\n    x\n',
      want: { kind: 'ConfigMap', data: { a: '1', b: 'x\n' } },
    },
    { name: 'flow style', text: '{a: [1, 2.5, true, null, ~]}', want: { a: [1, 2.5, true, null, null] } },
    { name: 'an alias', text: 'a: &x {b: 1}\nc: *x\n', want: { a: { b: 1 }, c: { b: 1 } } },
    { name: 'nothing', text: '# only a comment\n', want: null },
  ])('decodes $name', ({ text, want }) => {
    const decoded = decode(text);
    expect('json' in decoded && JSON.parse(decoded.json)).toEqual(want);
  });

  it.each([
    {
      name: '1.5 million compact levels (a 3 MB body once held the event loop 9 s)',
      text: '- '.repeat(1_500_000) + 'x\n',
      limit: 'depth',
    },
    { name: 'flow levels', text: '['.repeat(1001), limit: 'depth' },
    {
      name: 'levels built by aliases',
      text: Array.from({ length: 5 }, (_, i) => `a${i}: &a${i} [${i ? `*a${i - 1}` : 1}]`).join('\n'),
      limit: 'depth',
      overrides: { depth: 5 },
    },
    {
      name: 'too many anchors and aliases',
      text: Array.from({ length: 600 }, (_, i) => `- &a${i} x\n- *a${i}\n`).join(''),
      limit: 'references',
    },
    { name: 'too many objects', text: '- {}\n'.repeat(11), limit: 'collections', overrides: { collections: 10 } },
    {
      name: 'objects multiplied by aliases',
      text: 'a: &a [{}, {}, {}, {}]\nb: &b [*a, *a, *a]\n',
      limit: 'collections',
      overrides: { collections: 10 },
    },
    {
      name: 'an expansion past the JSON size',
      text: `a: &a "${'x'.repeat(100)}"\nb: [*a, *a, *a]\n`,
      limit: 'jsonBytes',
      overrides: { jsonBytes: 300 },
    },
  ])('refuses $name', ({ text, limit, overrides }) => {
    expect(decode(text, overrides)).toEqual({ refused: { limit } });
  });

  it.each([
    { name: 'a repeated key', text: 'a: 1\nb: 2\na: 3\n', message: 'Map keys must be unique at line 3, column 1' },
    {
      name: 'a repeated key in a flow map',
      text: '{a: 1, a: 2}',
      message: 'Map keys must be unique at line 1, column 8',
    },
    {
      name: 'an alias bomb',
      text: 'a: &a [x, x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
      message: 'Excessive alias count indicates a resource exhaustion attack',
    },
    { name: 'two documents', text: 'a: 1\n---\nb: 2\n', message: 'Source contains multiple documents' },
    {
      name: 'a sequence as a key',
      text: '[a, b]: c\n',
      message: 'map keys must be strings, numbers or booleans, not a collection, at line 1, column 1',
    },
    { name: 'a map as an explicit key', text: '? a: 1\n: b\n', message: 'not a collection' },
    { name: 'an alias of a map as a key', text: 'a: &x {b: 1}\n*x : c\n', message: 'not a collection' },
    { name: 'an unclosed flow sequence', text: 'a: [\n', message: 'Flow sequence' },
  ])('refuses $name as the parser does', ({ text, message }) => {
    const decoded = decode(text);
    expect('refused' in decoded && 'invalid' in decoded.refused && decoded.refused.invalid).toContain(message);
  });

  // The parser turned each nested collection key into text again at every level: 180 levels took seconds.
  it.each([
    { name: 'explicit keys', text: '? '.repeat(180) + 'x\n' },
    { name: 'flow maps keyed by sequences', text: '[{'.repeat(180) + '}]'.repeat(180) },
    { name: 'explicit keys of sequences', text: '- ? '.repeat(180) + 'x\n' },
  ])('refuses 180 nested $name at once', ({ text }) => {
    let decoded: unknown;
    expect(cpuMsOf(() => (decoded = decode(text)))).toBeLessThan(500);
    expect(decoded).toEqual({ refused: { invalid: expect.stringContaining('not a collection') } });
  });

  it('reads JSON as JSON, a hundred times faster than the YAML parser reads flow collections', () => {
    const pods = Array.from({ length: 2000 }, (_, i) => ({
      metadata: { name: `p${i}` },
      spec: { containers: [{ name: 'c' }] },
    }));
    const text = JSON.stringify({ items: pods });
    let decoded: unknown;
    expect(cpuMsOf(() => (decoded = decode(text)))).toBeLessThan(500);
    expect(decoded).toEqual({ json: text });
  });

  it('finds repeated keys among 60,000 in time linear in them (the parser took minutes)', () => {
    const text = stringify({ data: Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 'v'])) });
    expect(cpuMsOf(() => expect('json' in decode(text)).toBe(true))).toBeLessThan(5000);
  });
});
