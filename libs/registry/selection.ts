// Label and field selectors as the cache's Selection, with the field labels each resource
// supports (metadata.name and metadata.namespace always).
import { KubeObject } from '@kubenest/apimachinery';
import { FieldSelector, LabelSelector, validateFieldSelector } from '@kubenest/apimachinery/selectors';
import { Selection } from './cache';
import { Strategy } from './strategy';

type FieldGetter = (obj: KubeObject) => string | undefined;

const metadataFields: Record<string, FieldGetter> = {
  'metadata.name': (obj) => obj.metadata.name,
  'metadata.namespace': (obj) => obj.metadata.namespace ?? '',
};

export const fieldGetters = (strategy: Strategy): Record<string, FieldGetter> => ({
  ...metadataFields,
  ...((strategy.fieldSelectors as Record<string, FieldGetter> | undefined) ?? {}),
});

/** The selection of a list or watch; 400 for a field the resource cannot select on. */
export const selectionOf = (
  strategy: Strategy,
  namespace: string | undefined,
  labels: LabelSelector | undefined,
  fields: FieldSelector | undefined,
): Selection => {
  const getters = fieldGetters(strategy);
  if (fields) validateFieldSelector(fields, Object.keys(getters));
  return {
    // A cluster-scoped resource's keys hold no namespace to narrow by.
    namespace: strategy.namespaced ? namespace : undefined,
    labelSelector: labels && !labels.empty ? (l) => labels.matches(l) : undefined,
    fieldFilter: fields && !fields.empty ? (obj) => fields.matches((field) => getters[field]?.(obj)) : undefined,
  };
};
