// The URL of a resource, an object or its subresource, and the query parameters each verb sends,
// as kube-apiserver reads them (apimachinery's ListOptions, CreateOptions, PatchOptions...).
import { ResourceRef, ListOptions, WatchOptions, WriteOptions } from '../resource-client';

/** /api/v1[/namespaces/ns]/pods[/name[/subresource]] or /apis/group/version/... */
export function resourcePath(ref: ResourceRef, namespace?: string, name?: string, subresource?: string): string {
  let path = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  if (namespace !== undefined) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${ref.resource}`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  if (subresource !== undefined) path += `/${subresource}`;
  return path;
}

type QueryValue = string | number | boolean | undefined;

/** "?a=1&b=2" of the values set, or "" when none is. */
export function queryString(params: Record<string, QueryValue>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const listQuery = (o: ListOptions = {}): Record<string, QueryValue> => ({
  labelSelector: o.labelSelector,
  fieldSelector: o.fieldSelector,
  resourceVersion: o.resourceVersion,
  resourceVersionMatch: o.resourceVersionMatch,
  limit: o.limit,
  continue: o.continue,
});

export const watchQuery = (o: WatchOptions): Record<string, QueryValue> => ({
  watch: true,
  labelSelector: o.labelSelector,
  fieldSelector: o.fieldSelector,
  resourceVersion: o.resourceVersion,
  allowWatchBookmarks: o.allowWatchBookmarks,
  sendInitialEvents: o.sendInitialEvents,
  timeoutSeconds: o.timeoutSeconds,
});

/** dryRun=All is the only dry-run value kube-apiserver knows. */
export const writeQuery = (o: WriteOptions = {}): Record<string, QueryValue> => ({
  dryRun: o.dryRun ? 'All' : undefined,
  fieldManager: o.fieldManager,
  fieldValidation: o.fieldValidation,
});
