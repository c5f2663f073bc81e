// Which objects a list or watch asks for: a namespace, a label selector and a field filter,
// folded into one predicate over a key and its object.
import { KubeObject } from '@kubenest/apimachinery';

export type Labels = Readonly<Record<string, string>>;

export interface Selection {
  /** Only objects in this namespace (their keys are <prefix><namespace>/<name>). */
  namespace?: string;
  /** A parsed label selector; absent selects everything. */
  labelSelector?: (labels: Labels) => boolean;
  /** A parsed field selector or any other test of the object; absent selects everything. */
  fieldFilter?: (obj: KubeObject) => boolean;
}

export type Predicate = (key: string, obj: KubeObject) => boolean;

const noLabels: Labels = Object.freeze({});

/** The key range a selection covers: a namespace narrows it, so lists never visit other namespaces. */
export const selectionPrefix = (prefix: string, selection: Selection): string =>
  selection.namespace ? `${prefix}${selection.namespace}/` : prefix;

/** The smallest string greater than every string starting with prefix (etcd's prefix range end). */
export const prefixEnd = (prefix: string): string =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** Kube sets remainingItemCount only when nothing but the key range filters the list. */
export const selectsWholeRange = (selection: Selection): boolean => !selection.labelSelector && !selection.fieldFilter;

export const toPredicate = (prefix: string, selection: Selection): Predicate => {
  const keyPrefix = selectionPrefix(prefix, selection);
  const { labelSelector, fieldFilter } = selection;
  return (key, obj) =>
    key.startsWith(keyPrefix) &&
    (!labelSelector || labelSelector((obj.metadata.labels as Labels | undefined) ?? noLabels)) &&
    (!fieldFilter || fieldFilter(obj));
};
