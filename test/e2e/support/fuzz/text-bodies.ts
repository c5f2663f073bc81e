// Object bodies as JSON or YAML text: valid, mutated in structure or in text, YAML in its every
// collection form (block, flow, compact, anchors), and sometimes under another type's name.
import { stringify } from 'yaml';
import { Json, mutateText, mutateValue } from './mutate';
import { Random } from './random';

export interface TextBody {
  contentType: string;
  body: string;
}

const yamlText = (r: Random, value: Json): string => {
  try {
    return stringify(value, {
      collectionStyle: r.pick(['any', 'flow', 'block'] as const),
      aliasDuplicateObjects: false,
    });
  } catch {
    return JSON.stringify(value);
  }
};

// YAML that strains the parser rather than the object.
const hostileYaml = (r: Random): string =>
  r.weighted([
    [1, () => '- '.repeat(r.size(1_500_000)) + 'x\n'],
    [1, () => '? '.repeat(r.size(5000)) + 'x\n'],
    [1, () => Array.from({ length: r.size(2000) }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' x\n'],
    [1, () => '['.repeat(r.size(5000)) + ']'.repeat(r.size(5000))],
    [1, () => Array.from({ length: r.size(5000) }, (_, i) => `- &a${i} x\n- *a${i}\n`).join('')],
    [1, () => 'a: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c]\n'],
    [1, () => `a: !!binary ${'x'.repeat(r.size(1000))}\nb: !custom {c: 1}\n%TAG ! x\n`],
    [1, () => `metadata:\n\tname: tab\n---\nmore: docs\n`],
    [1, () => `data:\n${Array.from({ length: r.size(40_000) }, (_, i) => `  k${i % 500}: v\n`).join('')}`],
  ] as const)();

/** A body for a create or replace of `valid`. */
export const textBody = (r: Random, valid: Json): TextBody => {
  const value = r.chance(0.75) ? mutateValue(r, valid) : valid;
  return r.weighted([
    [6, () => ({ contentType: 'application/json', body: JSON.stringify(value) })],
    [2, () => ({ contentType: 'application/json', body: mutateText(r, JSON.stringify(value)) })],
    [3, () => ({ contentType: 'application/yaml', body: yamlText(r, value) })],
    [1, () => ({ contentType: 'application/yaml', body: mutateText(r, yamlText(r, value)) })],
    [2, () => ({ contentType: 'application/yaml', body: hostileYaml(r) })],
    [
      1,
      () => ({
        contentType: r.pick([
          'application/json',
          'application/vnd.kubernetes.protobuf',
          'text/plain',
          'application/json; charset=utf-16',
          '',
        ]),
        body: yamlText(r, value),
      }),
    ],
  ] as const)();
};
