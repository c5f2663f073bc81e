// ListOptions from a list or watch request's query, decoded and validated as kube-apiserver's handlers do.
import { FieldError, forbidden, notSupported } from '../field-error';
import { FieldSelector, LabelSelector, parseFieldSelector, parseLabelSelector } from '../selectors';
import { StatusError } from '../status-error';
import { queryBool } from './parse-bool';
import { QueryParams, firstValue, parseInt64 } from './query-values';

export type ResourceVersionMatch = 'NotOlderThan' | 'Exact';

export interface ListOptions {
  labelSelector?: LabelSelector;
  fieldSelector?: FieldSelector;
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  /** Absent when unset or not positive: kube-apiserver then lists without a limit. */
  limit?: number;
  continue?: string;
  watch: boolean;
  allowWatchBookmarks: boolean;
  timeoutSeconds?: number;
  sendInitialEvents?: boolean;
}

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s);

// metainternalversion validation, with the WatchList feature on (sendInitialEvents is served).
const validate = (o: ListOptions, match: string | undefined): FieldError[] => {
  const errs: FieldError[] = [];
  if (o.watch) {
    if (o.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
      errs.push(
        forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'),
      );
    }
    if (match) {
      if (o.sendInitialEvents === undefined) {
        errs.push(
          forbidden(
            'resourceVersionMatch',
            'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
          ),
        );
      }
      if (match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['NotOlderThan']));
      if (o.continue)
        errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
    return errs;
  }
  if (match) {
    if (!o.resourceVersion)
      errs.push(
        forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'),
      );
    if (o.continue)
      errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan')
      errs.push(notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && o.resourceVersion === '0') {
      errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
  }
  if (o.sendInitialEvents !== undefined)
    errs.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  return errs;
};

/**
 * Decodes list/watch parameters: malformed selectors or numbers are 400 BadRequest, inconsistent
 * combinations 422 Invalid on ListOptions.meta.k8s.io, as kube-apiserver answers them.
 */
export const parseListOptions = (query: QueryParams): ListOptions => {
  const get = (name: string): string | undefined => firstValue(query, name);
  const labels = nonEmpty(get('labelSelector'));
  const fields = nonEmpty(get('fieldSelector'));
  const limit = nonEmpty(get('limit'));
  const timeout = nonEmpty(get('timeoutSeconds'));
  const initialEvents = get('sendInitialEvents');
  const match = nonEmpty(get('resourceVersionMatch'));
  const options: ListOptions = {
    labelSelector: labels === undefined ? undefined : parseLabelSelector(labels),
    fieldSelector: fields === undefined ? undefined : parseFieldSelector(fields),
    resourceVersion: nonEmpty(get('resourceVersion')),
    resourceVersionMatch: match as ResourceVersionMatch | undefined,
    continue: nonEmpty(get('continue')),
    watch: queryBool(get('watch')),
    allowWatchBookmarks: queryBool(get('allowWatchBookmarks')),
  };
  if (limit !== undefined) {
    const n = parseInt64(limit);
    if (n > 0) options.limit = n;
  }
  if (timeout !== undefined) options.timeoutSeconds = parseInt64(timeout);
  if (initialEvents !== undefined) options.sendInitialEvents = queryBool(initialEvents);
  for (const key of Object.keys(options) as Array<keyof ListOptions>)
    if (options[key] === undefined) delete options[key];
  const errs = validate(options, match);
  if (errs.length) throw StatusError.invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errs);
  return options;
};
