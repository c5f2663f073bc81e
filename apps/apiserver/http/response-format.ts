// What a client asked to get back: a Table (kubectl get) or the objects themselves.
import { IncludeObject } from '@kubenest/registry';

export interface ResponseFormat {
  table: boolean;
  include: IncludeObject;
  noHeaders: boolean;
}

/** kubectl asks `application/json;as=Table;v=v1;g=meta.k8s.io, ...`; we serve meta.k8s.io v1 (and v1beta1) tables. */
export const responseFormat = (accept: string | undefined, query: Record<string, unknown>): ResponseFormat => {
  const table = (accept ?? '').split(',').some((part) => /;\s*as=Table/.test(part) && /;\s*g=meta\.k8s\.io/.test(part));
  const include = (query.includeObject as IncludeObject | undefined) ?? 'Metadata';
  return { table, include: ['None', 'Metadata', 'Object'].includes(include) ? include : 'Metadata', noHeaders: false };
};
