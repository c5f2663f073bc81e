// Boolean parsing and list/watch/write option decoding, with kube-apiserver's answers to bad values.
import { parseListOptions } from './list-options';
import { parseBool, queryBool } from './parse-bool';
import { parseWriteOptions } from './write-options';
import { statusErrorOf } from '../testing/status-error-of';

describe('parseBool', () => {
  it.each(['1', 't', 'T', 'TRUE', 'true', 'True'])('%s is true', (s) => expect(parseBool(s)).toBe(true));
  it.each(['0', 'f', 'F', 'FALSE', 'false', 'False'])('%s is false', (s) => expect(parseBool(s)).toBe(false));
  it.each(['', 'yes', 'tRUE', '2', ' true'])('%j is an error', (s) =>
    expect(() => parseBool(s)).toThrow(`strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`),
  );
});

describe('queryBool', () => {
  it.each([
    { v: undefined, want: false },
    { v: 'true', want: true },
    { v: 'True', want: true },
    { v: '1', want: true },
    { v: 'yes', want: true },
    { v: '', want: true },
    { v: '0', want: false },
    { v: 'FALSE', want: false },
    { v: 'fAlSe', want: false },
  ])('$v → $want', ({ v, want }) => expect(queryBool(v)).toBe(want));
});

describe('parseListOptions', () => {
  it('reads kubectl get -w parameters', () => {
    const o = parseListOptions({
      labelSelector: 'app=web',
      fieldSelector: 'metadata.name=x',
      resourceVersion: '42',
      watch: 'true',
      allowWatchBookmarks: 'True',
      timeoutSeconds: '300',
    });
    expect(o.labelSelector?.toString()).toBe('app=web');
    expect(o.fieldSelector?.toString()).toBe('metadata.name=x');
    expect(o).toMatchObject({ resourceVersion: '42', watch: true, allowWatchBookmarks: true, timeoutSeconds: 300 });
  });

  it.each([
    { q: {}, want: { watch: false, allowWatchBookmarks: false } },
    {
      q: { limit: '500', continue: 'abc' },
      want: { limit: 500, continue: 'abc', watch: false, allowWatchBookmarks: false },
    },
    { q: { limit: ['10', '20'] }, want: { limit: 10, watch: false, allowWatchBookmarks: false } },
    { q: { limit: '0', labelSelector: '' }, want: { watch: false, allowWatchBookmarks: false } },
    {
      q: { resourceVersion: '10', resourceVersionMatch: 'NotOlderThan' },
      want: { resourceVersion: '10', resourceVersionMatch: 'NotOlderThan', watch: false, allowWatchBookmarks: false },
    },
    {
      q: { watch: '1', sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan' },
      want: { watch: true, sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: false },
    },
  ])('decodes $q', ({ q, want }) => expect(parseListOptions(q)).toEqual(want));

  it.each([
    { q: { limit: 'abc' }, code: 400, msg: 'strconv.ParseInt: parsing "abc": invalid syntax' },
    { q: { timeoutSeconds: '1.5' }, code: 400, msg: 'strconv.ParseInt: parsing "1.5": invalid syntax' },
    {
      q: { limit: '99999999999999999999' },
      code: 400,
      msg: 'strconv.ParseInt: parsing "99999999999999999999": value out of range',
    },
    {
      q: { labelSelector: 'a b' },
      code: 400,
      msg: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
    },
    { q: { fieldSelector: 'x' }, code: 400, msg: "invalid selector: 'x'; can't understand 'x'" },
    {
      q: { resourceVersionMatch: 'Exact' },
      code: 422,
      msg: 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    },
    {
      q: { resourceVersion: '1', resourceVersionMatch: 'Newest' },
      code: 422,
      msg: 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""',
    },
    {
      q: { sendInitialEvents: 'true' },
      code: 422,
      msg: 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list',
    },
    {
      q: { watch: 'true', sendInitialEvents: 'true' },
      code: 422,
      msg: 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    },
  ])('refuses $q', ({ q, code, msg }) => {
    const err = statusErrorOf(() => parseListOptions(q));
    expect([err.code, err.message]).toEqual([code, msg]);
  });
});

describe('parseWriteOptions', () => {
  it.each([
    { q: {}, want: { dryRun: false, fieldValidation: 'Warn', pretty: false } },
    {
      q: { dryRun: 'All', fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' },
      want: { dryRun: true, fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict', pretty: false },
    },
    {
      q: { dryRun: ['All', 'All'], fieldValidation: 'Ignore', pretty: 'True' },
      want: { dryRun: true, fieldValidation: 'Ignore', pretty: true },
    },
    { q: { fieldValidation: '' }, want: { dryRun: false, fieldValidation: 'Warn', pretty: false } },
  ])('decodes $q', ({ q, want }) => expect(parseWriteOptions(q)).toEqual(want));

  it.each([
    {
      q: { dryRun: 'true' },
      kind: 'CreateOptions' as const,
      msg: 'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["true"]: supported values: "All"',
    },
    {
      q: { fieldValidation: 'strict' },
      kind: 'PatchOptions' as const,
      msg: 'PatchOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"',
    },
    {
      q: { dryRun: 'Some' },
      kind: 'DeleteOptions' as const,
      msg: 'DeleteOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Some"]: supported values: "All"',
    },
    {
      q: { fieldManager: 'a\u0007' },
      kind: 'UpdateOptions' as const,
      msg: 'UpdateOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "a\\u0007": invalid character U+0007 (at position 1)',
    },
  ])('refuses $q', ({ q, kind, msg }) => {
    const err = statusErrorOf(() => parseWriteOptions(q, kind));
    expect([err.code, err.reason, err.message]).toEqual([422, 'Invalid', msg]);
  });
});
