// Query strings and headers for reads (LIST options, selectors of every shape and size, watch
// options, Accept headers) and DeleteOptions bodies.
import { hostileNumber, hostileString } from './hostile-values';
import { Random } from './random';

// Percent-encodes the UTF-8 of any string, lone surrogates included (encodeURIComponent throws on them).
const q = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[\w.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

const labelSelector = (r: Random): string =>
  r.weighted([
    [3, () => r.pick(['app=fuzz', 'app!=x,tier', '!missing', 'app in (fuzz,b),tier notin (c)', 'x>1', 'x<2'])],
    [2, () => `app in (${Array.from({ length: r.size(2000) }, (_, i) => `v${i}`).join(',')})`],
    [1, () => Array.from({ length: r.size(1500) }, (_, i) => `!k${i}`).join(',')],
    [
      2,
      () =>
        r.pick(['=', 'a in', 'a in (', 'a in ()', ',,', '!', 'a==b==c', '(', 'a notin (b', '\u0000', 'a'.repeat(317)]),
    ],
  ] as const)();

const fieldSelector = (r: Random): string =>
  r.pick([
    'metadata.name=fuzz-a',
    'metadata.namespace!=x',
    'status.phase=Running',
    'spec.nodeName=',
    'a=b',
    'metadata.name',
    'metadata.name=a\\',
    'metadata.name=a,b=c\\,d',
    Array.from({ length: 500 }, () => 'metadata.name=x').join(','),
  ]);

const listOption = (r: Random): string =>
  r.weighted([
    [3, () => `labelSelector=${q(labelSelector(r))}`],
    [2, () => `fieldSelector=${q(fieldSelector(r))}`],
    [2, () => `limit=${r.pick(['1', '0', '-1', '500', '1e20', 'abc', String(hostileNumber(r))])}`],
    [1, () => `continue=${q(r.pick(['', 'abc', 'eyJ2IjoxfQ', hostileString(r).slice(0, 2000)]))}`],
    [2, () => `resourceVersion=${r.pick(['0', '', '1', 'abc', '-1', '99999999999999999999'])}`],
    [1, () => `resourceVersionMatch=${r.pick(['Exact', 'NotOlderThan', 'bogus'])}`],
    [1, () => `allowWatchBookmarks=${r.pick(['true', 'True', '1', 'maybe'])}`],
    [1, () => `sendInitialEvents=${r.pick(['true', 'false', 'x'])}`],
  ] as const)();

export const listQuery = (r: Random): string => Array.from({ length: r.int(4) }, () => listOption(r)).join('&');

export const acceptHeader = (r: Random): string =>
  r.pick([
    'application/json',
    'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    'application/json;as=Table;v=v1beta1;g=meta.k8s.io',
    'application/vnd.kubernetes.protobuf,application/json',
    'application/yaml',
    'text/html',
    '*/*',
    '',
  ]);

export const writeQuery = (r: Random): string =>
  [
    r.chance(0.3) ? `dryRun=${r.pick(['All', 'bogus', ''])}` : '',
    r.chance(0.5) ? `fieldValidation=${r.pick(['Strict', 'Warn', 'Ignore', 'bogus'])}` : '',
    r.chance(0.2) ? `fieldManager=${q(hostileString(r).slice(0, 300))}` : '',
  ]
    .filter(Boolean)
    .join('&');

/** A DeleteOptions body, or none, or something else. */
export const deleteBody = (r: Random): { contentType: string; body?: string } =>
  r.weighted([
    [2, () => ({ contentType: 'application/json' })],
    [
      4,
      () => ({
        contentType: 'application/json',
        body: JSON.stringify({
          kind: 'DeleteOptions',
          apiVersion: 'v1',
          propagationPolicy: r.pick(['Background', 'Foreground', 'Orphan', 'bogus', 1]),
          gracePeriodSeconds: r.chance(0.5) ? hostileNumber(r) : 0,
          ...(r.chance(0.3) ? { preconditions: { uid: hostileString(r).slice(0, 100), resourceVersion: 'x' } } : {}),
          ...(r.chance(0.2) ? { dryRun: r.pick([['All'], 'All', [1]]) } : {}),
        }),
      }),
    ],
    [1, () => ({ contentType: 'application/yaml', body: 'propagationPolicy: [\n' })],
    [1, () => ({ contentType: 'application/json', body: r.pick(['{}', '[]', 'null', '"x"', '{"kind":"Pod"}', '{']) })],
  ] as const)();
