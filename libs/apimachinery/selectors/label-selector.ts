// Label selectors as k8s.io/apimachinery/pkg/labels models them: an AND of requirements on label keys.
import { StatusError } from '../status-error';
import { labelKeyErrors, labelValueErrors } from './label-syntax';

/** The operators of k8s.io/apimachinery/pkg/selection, spelled as there. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** Sorted; empty for exists and does-not-exist. */
  values: string[];
}

export interface LabelSelector {
  readonly requirements: readonly LabelRequirement[];
  /** True when the selector selects everything (no requirement). */
  readonly empty: boolean;
  matches(labels: Record<string, string> | undefined): boolean;
  /** The value a `key=value` (or `key==value`, `key in (value)`) requirement pins, if any. */
  requiresExactMatch(key: string): string | undefined;
  toString(): string;
}

/** metav1.LabelSelector as it appears in specs (Deployment.spec.selector, ...). */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}

const integer = /^[+-]?\d+$/;

// Field errors as apimachinery's field.Error prints them; the parser has no path, hence "<nil>".
const invalidValue = (path: string, value: unknown, detail: string): string =>
  `${path}: Invalid value: ${JSON.stringify(value)}: ${detail}`;

const aggregate = (errors: string[]): string => {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
};

/** Validates the key as the label parser does before it looks for an operator. */
export const checkLabelKey = (key: string, path = '<nil>'): string | undefined => {
  const errs = labelKeyErrors(key);
  return errs.length ? invalidValue(path, key, errs.join('; ')) : undefined;
};

/** Builds one requirement as labels.NewRequirement does; the error text is returned, not thrown. */
export const newLabelRequirement = (
  key: string,
  operator: LabelOperator,
  values: string[],
): { requirement: LabelRequirement; error?: string } => {
  const errs: string[] = [];
  const keyError = checkLabelKey(key, 'key');
  if (keyError) errs.push(keyError);
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0)
        errs.push(invalidValue('values', values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1)
        errs.push(invalidValue('values', values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0)
        errs.push(invalidValue('values', values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1)
        errs.push(invalidValue('values', values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (!integer.test(v))
          errs.push(invalidValue(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  values.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length) errs.push(invalidValue(`values[${i}][${key}]`, v, valueErrs.join('; ')));
  });
  const requirement = { key, operator, values: [...new Set(values)].sort() };
  return errs.length ? { requirement, error: aggregate(errs) } : { requirement };
};

type LabelMatcher = (labels: Record<string, string>) => boolean;

// A requirement's values are kept as a set: an `in (...)` of thousands of values costs one lookup per
// object, where searching the list would cost thousands for every object a LIST or watch filters.
const matcherOf = (r: LabelRequirement): LabelMatcher => {
  const valueOf = (labels: Record<string, string>) =>
    Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined;
  const values = new Set(r.values);
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return (labels) => {
        const value = valueOf(labels);
        return value !== undefined && values.has(value);
      };
    case 'notin':
    case '!=':
      return (labels) => {
        const value = valueOf(labels);
        return value === undefined || !values.has(value);
      };
    case 'exists':
      return (labels) => valueOf(labels) !== undefined;
    case '!':
      return (labels) => valueOf(labels) === undefined;
    case 'gt':
    case 'lt': {
      if (r.values.length !== 1 || !integer.test(r.values[0])) return () => false;
      const want = BigInt(r.values[0]);
      return (labels) => {
        const value = valueOf(labels);
        if (value === undefined || !integer.test(value)) return false;
        return r.operator === 'gt' ? BigInt(value) > want : BigInt(value) < want;
      };
    }
  }
};

const requirementString = (r: LabelRequirement): string => {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${r.values.join(',')})`;
    case 'gt':
      return `${r.key}>${r.values.join(',')}`;
    case 'lt':
      return `${r.key}<${r.values.join(',')}`;
    default:
      return `${r.key}${r.operator}${r.values.join(',')}`;
  }
};

/** A selector over the given requirements, sorted by key as the Go parser leaves them. */
export const labelSelectorOf = (requirements: LabelRequirement[]): LabelSelector => {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const matchers = sorted.map(matcherOf);
  return {
    requirements: sorted,
    empty: sorted.length === 0,
    matches: (labels) => matchers.every((matches) => matches(labels ?? {})),
    requiresExactMatch: (key) => {
      const r = sorted.find((x) => x.key === key && ['=', '==', 'in'].includes(x.operator) && x.values.length === 1);
      return r?.values[0];
    },
    toString: () => sorted.map(requirementString).join(','),
  };
};

/** labels.Everything(): matches every object. */
export const everythingLabelSelector: LabelSelector = labelSelectorOf([]);

/** labels.Nothing(): what a nil metav1.LabelSelector means; matches no object. */
export const nothingLabelSelector: LabelSelector = {
  requirements: [],
  empty: false,
  matches: () => false,
  requiresExactMatch: () => undefined,
  toString: () => '',
};

/** The canonical string form, e.g. `app=web,tier in (a,b)`. */
export const labelSelectorToString = (selector: LabelSelector | LabelSelectorObject): string =>
  'matches' in selector ? selector.toString() : labelSelectorFromObject(selector).toString();

const expressionOperators: Record<string, LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1.LabelSelectorAsSelector: null/undefined selects nothing, `{}` selects everything.
 * A bad operator, key or value throws a 400 StatusError with apimachinery's message.
 */
export const labelSelectorFromObject = (selector: LabelSelectorObject | null | undefined): LabelSelector => {
  if (!selector) return nothingLabelSelector;
  const requirements: LabelRequirement[] = [];
  const add = (key: string, operator: LabelOperator, values: string[]): void => {
    const { requirement, error } = newLabelRequirement(key, operator, values);
    if (error) throw StatusError.badRequest(error);
    requirements.push(requirement);
  };
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) add(key, '=', [value]);
  for (const expr of selector.matchExpressions ?? []) {
    const operator = expressionOperators[expr.operator];
    if (!operator)
      throw StatusError.badRequest(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    add(expr.key, operator, [...(expr.values ?? [])]);
  }
  return labelSelectorOf(requirements);
};
