// Field selector parsing, matching, escaping and the supported-field check.
import { escapeFieldValue, exactMatch, parseFieldSelector, validateFieldSelector } from './field-selector';
import { statusErrorOf } from '../testing/status-error-of';

describe('parseFieldSelector', () => {
  it.each([
    { s: '', str: '', n: 0 },
    { s: 'metadata.name=web', str: 'metadata.name=web', n: 1 },
    { s: 'metadata.name==web', str: 'metadata.name=web', n: 1 },
    { s: 'status.phase!=Running', str: 'status.phase!=Running', n: 1 },
    { s: 'spec.nodeName=n1,metadata.namespace=default', str: 'metadata.namespace=default,spec.nodeName=n1', n: 2 },
    { s: 'a=x\\,y\\=z\\\\', str: 'a=x\\,y\\=z\\\\', n: 1 },
    { s: 'a=', str: 'a=', n: 1 },
    { s: 'a=b,', str: 'a=b', n: 1 },
  ])('parses $s', ({ s, str, n }) => {
    const sel = parseFieldSelector(s);
    expect(sel.toString()).toBe(str);
    expect(sel.requirements).toHaveLength(n);
    expect(sel.empty).toBe(n === 0);
  });

  it('unescapes values', () => {
    expect(parseFieldSelector('a=x\\,y\\=z\\\\').requirements[0].value).toBe('x,y=z\\');
    expect(escapeFieldValue('x,y=z\\')).toBe('x\\,y\\=z\\\\');
  });

  it.each([
    { s: 'abc', msg: "invalid selector: 'abc'; can't understand 'abc'" },
    { s: 'a=b,c', msg: "invalid selector: 'a=b,c'; can't understand 'c'" },
    { s: 'a=b=c', msg: 'invalid field selector: unescaped character in value: 61' },
    { s: 'a=\\x', msg: 'invalid field selector: invalid escape sequence: \\x' },
    { s: 'a=b\\', msg: 'invalid field selector: invalid escape sequence: \\' },
  ])('rejects $s', ({ s, msg }) => {
    const err = statusErrorOf(() => parseFieldSelector(s));
    expect(err.code).toBe(400);
    expect(err.message).toBe(msg);
  });

  it.each([
    { s: 'metadata.name=web', fields: { 'metadata.name': 'web' }, want: true },
    { s: 'metadata.name=web', fields: { 'metadata.name': 'db' }, want: false },
    { s: 'metadata.name!=web', fields: { 'metadata.name': 'db' }, want: true },
    { s: 'spec.nodeName=', fields: {}, want: true },
    { s: 'spec.nodeName!=', fields: {}, want: false },
    { s: 'a=1,b=2', fields: { a: '1', b: '2' }, want: true },
    { s: 'a=1,b=2', fields: { a: '1', b: '3' }, want: false },
  ])('$s matches $fields: $want', ({ s, fields, want }) => {
    const get = (f: string): string | undefined => (fields as Record<string, string>)[f];
    expect(parseFieldSelector(s).matches(get)).toBe(want);
  });
});

describe('exactMatch', () => {
  it.each([
    { s: 'metadata.name=web', field: 'metadata.name', want: 'web' },
    { s: 'metadata.name==web', field: 'metadata.name', want: 'web' },
    { s: 'metadata.name!=web', field: 'metadata.name', want: undefined },
    { s: 'metadata.namespace=x', field: 'metadata.name', want: undefined },
  ])('$s on $field', ({ s, field, want }) => {
    const sel = parseFieldSelector(s);
    expect(exactMatch(sel, field)).toBe(want);
    expect(exactMatch(sel.requirements, field)).toBe(want);
  });
});

describe('validateFieldSelector', () => {
  const supported = ['metadata.name', 'metadata.namespace', 'spec.nodeName'];

  it('accepts supported fields', () => {
    expect(() => validateFieldSelector(parseFieldSelector('metadata.name=a,spec.nodeName=n'), supported)).not.toThrow();
  });

  it('answers 400 for an unsupported field', () => {
    const err = statusErrorOf(() => validateFieldSelector(parseFieldSelector('spec.foo=a'), supported));
    expect(err.code).toBe(400);
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe('field label not supported: spec.foo');
  });
});
