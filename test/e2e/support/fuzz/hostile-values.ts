// Values that have broken JSON handling somewhere: deep nesting, huge strings and lists, numbers
// at the edges of float64, odd unicode, keys that name Object members or patch directives.
import { Random } from './random';

const oddStrings = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\ufeff',
  '\u202e',
  '\u200b',
  'é',
  '😀',
  'a'.repeat(253),
  'A-',
  '..',
  '../x',
  '%2F',
  'a/b',
  '-1',
  '1e400',
  'null',
  'true',
  '0x10',
  '${x}',
  '<b>',
  'default',
  'kube-system',
];

export const oddKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '$patch',
  '$retainKeys',
  '',
  'a.b',
  'ü',
];

const oddNumbers = [0, -0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, 1e21];

export const hostileString = (r: Random): string =>
  r.weighted([
    [6, () => r.pick(oddStrings)],
    [2, () => r.pick(oddStrings).repeat(r.size(100_000))],
    [1, () => 'x'.repeat(r.size(1_000_000))],
    [
      2,
      () =>
        String.fromCodePoint(
          ...Array.from({ length: r.size(64) }, () => r.int(0x10ffff)).filter((c) => c < 0xd800 || c > 0xdfff),
        ),
    ],
  ] as const)();

export const hostileNumber = (r: Random): number => r.pick(oddNumbers);

/** Arrays and objects nested `levels` deep around `leaf`. */
export const nested = (r: Random, levels: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = r.chance(0.5) ? [value] : { [r.pick(['a', 'spec', 'items'])]: value };
  return value;
};

export const hostileValue = (r: Random): unknown =>
  r.weighted([
    [4, () => hostileString(r)],
    [3, () => hostileNumber(r)],
    [2, () => r.pick([null, true, false, {}, []])],
    [2, () => nested(r, r.size(1500))],
    [1, () => Array.from({ length: r.size(150_000) }, () => r.pick([0, '', null, {}, []]))],
    [
      1,
      () => Object.fromEntries(Array.from({ length: r.size(50_000) }, (_, i) => [`k${i}`, r.pick(['v', 1, null, {}])])),
    ],
    [1, () => Object.fromEntries(oddKeys.map((k) => [k, r.pick(['v', 1, null, {}])]))],
  ] as const)();
