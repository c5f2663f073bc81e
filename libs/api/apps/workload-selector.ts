// The label selector of a workload as text, the way printers and the scale subresource show it.
import { LabelSelectorObject, labelSelectorFromObject } from '@kubenest/apimachinery/selectors';

/** metav1.LabelSelectorAsSelector(...).String(); "" for none, undefined when it does not parse. */
export const selectorString = (selector: LabelSelectorObject | null | undefined): string | undefined => {
  try {
    return labelSelectorFromObject(selector).toString();
  } catch {
    return undefined;
  }
};

/** metav1.FormatLabelSelector: "<none>" when empty, "<error>" when it does not parse. */
export const formatLabelSelector = (selector: LabelSelectorObject | null | undefined): string => {
  const text = selectorString(selector);
  if (text === undefined) return '<error>';
  return text || '<none>';
};
