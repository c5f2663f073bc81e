// Label maps and metav1.LabelSelector objects, field errors at the map's path as kube reports them.
import { FieldError, forbidden, invalid, required } from '../field-error';
import { isQualifiedName, isValidLabelValue } from './qualified-name';

export interface LabelSelectorSpec {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}

export const validateLabelName = (key: string, path: string): FieldError[] =>
  isQualifiedName(key).map((msg) => invalid(path, key, msg));

export const validateLabels = (labels: Record<string, string> | null | undefined, path: string): FieldError[] =>
  Object.entries(labels ?? {}).flatMap(([key, value]) => [
    ...validateLabelName(key, path),
    ...isValidLabelValue(value).map((msg) => invalid(path, value, msg)),
  ]);

export const validateLabelSelector = (selector: LabelSelectorSpec | null | undefined, path: string): FieldError[] => {
  if (!selector) return [];
  const errs = validateLabels(selector.matchLabels, `${path}.matchLabels`);
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errs.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errs.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(`${at}.operator`, expr.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key, `${at}.key`));
    values.forEach((v) => errs.push(...isValidLabelValue(v).map((msg) => invalid(`${at}.values`, v, msg))));
  });
  return errs;
};
