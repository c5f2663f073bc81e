// The query parameters each verb sends, as kube-apiserver reads them (apimachinery's ListOptions,
// CreateOptions, PatchOptions...).
import { ListOptions, WatchOptions, WriteOptions } from '../resource-client';

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
