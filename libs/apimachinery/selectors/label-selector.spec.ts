// Label selector parsing, matching and printing, checked against k8s.io/apimachinery/pkg/labels' behaviour.
import { StatusError } from '../status-error';
import { labelSelectorFromObject, labelSelectorToString, nothingLabelSelector } from './label-selector';
import { parseLabelSelector } from './label-selector-parser';
import { cpuMsOf } from '../testing/cpu-ms-of';

const nameErr =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('parseLabelSelector', () => {
  it.each([
    { s: '', str: '', empty: true },
    { s: 'a=b', str: 'a=b' },
    { s: 'a==b', str: 'a==b' },
    { s: 'a!=b', str: 'a!=b' },
    { s: 'a', str: 'a' },
    { s: '!a', str: '!a' },
    { s: ' a = b , c ', str: 'a=b,c' },
    { s: 'x in (b,a)', str: 'x in (a,b)' },
    { s: 'x notin (a)', str: 'x notin (a)' },
    { s: 'x in ( a , b )', str: 'x in (a,b)' },
    { s: 'x in ()', str: 'x in ()' },
    { s: 'x in (,a)', str: 'x in (,a)' },
    { s: 'z=1,a=2', str: 'a=2,z=1' },
    { s: 'a=', str: 'a=' },
    { s: 'in=notin', str: 'in=notin' },
    { s: 'a>1', str: 'a>1' },
    { s: 'example.com/app=web', str: 'example.com/app=web' },
    { s: 'a\tin\t(b)', str: 'a in (b)' },
  ])('parses $s', ({ s, str, empty }) => {
    const sel = parseLabelSelector(s);
    expect(sel.toString()).toBe(str);
    expect(sel.empty).toBe(!!empty);
  });

  it.each([
    { s: 'a b', msg: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt" },
    { s: 'a=b,', msg: "found '', expected: identifier after ','" },
    { s: ',a', msg: "found ',', expected: !, identifier, or 'end of string'" },
    { s: 'a in b', msg: "unable to parse requirement: found 'b' expected: '('" },
    { s: 'a in (b', msg: "unable to parse requirement: found '', expected: ',' or ')'" },
    { s: 'a=b c', msg: "found 'c', expected: ',' or 'end of string'" },
    { s: 'a=(b)', msg: "unable to parse requirement: found '(', expected: identifier" },
    { s: '!a=b', msg: "found '=', expected: ',' or 'end of string'" },
    { s: '-a=b', msg: `unable to parse requirement: <nil>: Invalid value: "-a": ${nameErr}` },
    {
      s: 'a=-b',
      msg: "unable to parse requirement: values[0][a]: Invalid value: \"-b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    },
    {
      s: 'a>b',
      msg: "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer",
    },
  ])('rejects $s', ({ s, msg }) => {
    let err: unknown;
    try {
      parseLabelSelector(s);
    } catch (e) {
      err = e;
    }
    expect(StatusError.is(err)).toBe(true);
    expect((err as StatusError).code).toBe(400);
    expect((err as StatusError).reason).toBe('BadRequest');
    expect((err as StatusError).message).toBe(msg);
  });

  it.each([
    { s: 'a=b', labels: { a: 'b' }, want: true },
    { s: 'a=b', labels: { a: 'c' }, want: false },
    { s: 'a=b', labels: undefined, want: false },
    { s: 'a!=b', labels: {}, want: true },
    { s: 'a!=b', labels: { a: 'b' }, want: false },
    { s: 'a', labels: { a: '' }, want: true },
    { s: '!a', labels: { a: '' }, want: false },
    { s: '!a', labels: undefined, want: true },
    { s: 'a in (x,y)', labels: { a: 'y' }, want: true },
    { s: 'a notin (x,y)', labels: { a: 'y' }, want: false },
    { s: 'a notin (x,y)', labels: {}, want: true },
    { s: 'a=', labels: { a: '' }, want: true },
    { s: 'a=b,c', labels: { a: 'b' }, want: false },
    { s: 'a=b,c', labels: { a: 'b', c: 'x' }, want: true },
    { s: 'n>5', labels: { n: '6' }, want: true },
    { s: 'n<5', labels: { n: 'x' }, want: false },
    { s: '', labels: undefined, want: true },
  ])('$s matches $labels: $want', ({ s, labels, want }) => {
    expect(parseLabelSelector(s).matches(labels as Record<string, string> | undefined)).toBe(want);
  });

  it('answers the value a requirement pins', () => {
    const sel = parseLabelSelector('a=b,c in (d),e in (f,g)');
    expect(sel.requiresExactMatch('a')).toBe('b');
    expect(sel.requiresExactMatch('c')).toBe('d');
    expect(sel.requiresExactMatch('e')).toBeUndefined();
  });
});

describe('labelSelectorFromObject', () => {
  it.each([
    { sel: {}, str: '', labels: { x: 'y' }, want: true },
    { sel: { matchLabels: { app: 'web' } }, str: 'app=web', labels: { app: 'web' }, want: true },
    {
      sel: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] },
      str: 'app=web,tier in (a,b)',
      labels: { app: 'web', tier: 'c' },
      want: false,
    },
    {
      sel: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] },
      str: 'tier notin (a)',
      labels: {},
      want: true,
    },
    { sel: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, str: 'tier', labels: {}, want: false },
    { sel: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, str: '!tier', labels: {}, want: true },
  ])('$str', ({ sel, str, labels, want }) => {
    const s = labelSelectorFromObject(sel);
    expect(labelSelectorToString(sel)).toBe(str);
    expect(s.matches(labels as Record<string, string>)).toBe(want);
  });

  it('selects nothing for a missing selector', () => {
    expect(labelSelectorFromObject(undefined)).toBe(nothingLabelSelector);
    expect(nothingLabelSelector.matches({})).toBe(false);
  });

  it.each([
    {
      sel: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
      msg: '"Gt" is not a valid label selector operator',
    },
    {
      sel: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      msg: "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty",
    },
    {
      sel: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      msg: 'values: Invalid value: ["x"]: values set must be empty for exists and does not exist',
    },
    { sel: { matchLabels: { '-a': 'b' } }, msg: `key: Invalid value: "-a": ${nameErr}` },
  ])('rejects $msg', ({ sel, msg }) => {
    expect(() => labelSelectorFromObject(sel)).toThrow(msg);
  });
});

describe('matching a long `in` list', () => {
  // The most values a 16 KiB request line holds: a LIST filters every object against them.
  const values = Array.from({ length: 4000 }, (_, i) => `v${i}`);

  it.each([
    { op: 'in', missing: false },
    { op: 'notin', missing: true },
  ])('$op: one lookup per object, however many values', ({ op, missing }) => {
    const selector = parseLabelSelector(`app ${op} (${values.join(',')})`);
    const objects = Array.from({ length: 100_000 }, (_, i) => ({ app: `w${i}` }));
    let matched: object[] = [];
    expect(cpuMsOf(() => (matched = objects.filter((labels) => selector.matches(labels))))).toBeLessThan(1000);
    expect(matched).toHaveLength(missing ? objects.length : 0);
    expect(selector.matches({ app: 'v3999' })).toBe(!missing);
  });
});
