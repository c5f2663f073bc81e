// Field selectors (`?fieldSelector=`) as k8s.io/apimachinery/pkg/fields parses and matches them:
// an AND of `field=value`, `field==value` and `field!=value` terms, values escaped with backslashes.
import { StatusError } from '../status-error';

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
  readonly empty: boolean;
  /** `get` answers a field's value; an absent field counts as the empty string, as upstream. */
  matches(get: (field: string) => string | undefined): boolean;
  toString(): string;
}

/** Escapes `\`, `,` and `=` in a value so that it survives the string form. */
export const escapeFieldValue = (value: string): string => value.replace(/[\\,=]/g, (c) => `\\${c}`);

const unescapeValue = (value: string): string => {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  let inSlash = false;
  for (const c of value) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw StatusError.badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune as its code point here.
      throw StatusError.badRequest(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw StatusError.badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
};

// Splits on commas not escaped by a backslash.
const splitTerms = (selector: string): string[] => {
  if (!selector) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
};

const termOperators = ['!=', '==', '='] as const;

const splitTerm = (term: string): [string, (typeof termOperators)[number], string] | undefined => {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
};

/** A selector over the given requirements. */
export const fieldSelectorOf = (requirements: FieldRequirement[]): FieldSelector => ({
  requirements,
  empty: requirements.length === 0,
  matches: (get) => requirements.every((r) => ((get(r.field) ?? '') === r.value) === (r.operator === '=')),
  toString: () => requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(','),
});

/** Parses `?fieldSelector=`; a malformed selector throws 400 BadRequest with kube-apiserver's message. */
export const parseFieldSelector = (selector: string): FieldSelector => {
  const requirements: FieldRequirement[] = [];
  // Upstream sorts the raw terms before parsing them.
  for (const term of splitTerms(selector).sort()) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (!parts) throw StatusError.badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [field, op, raw] = parts;
    requirements.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeValue(raw) });
  }
  return fieldSelectorOf(requirements);
};

/** The value an `=` requirement pins `field` to, as fields.Selector.RequiresExactMatch answers. */
export const exactMatch = (
  requirements: readonly FieldRequirement[] | FieldSelector,
  field: string,
): string | undefined => {
  const list = 'requirements' in requirements ? requirements.requirements : requirements;
  return list.find((r) => r.field === field && r.operator === '=')?.value;
};

/**
 * Refuses fields the resource cannot select on, as a kind's field label conversion does:
 * 400 BadRequest `field label not supported: <field>`.
 */
export const validateFieldSelector = (selector: FieldSelector, supported: readonly string[]): void => {
  for (const r of selector.requirements) {
    if (!supported.includes(r.field)) throw StatusError.badRequest(`field label not supported: ${r.field}`);
  }
};
