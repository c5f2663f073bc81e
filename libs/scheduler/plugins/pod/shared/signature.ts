// Stable strings naming what a memoised computation depends on: a selector, a label set, a term.
import type { AffinityTerm } from '../../../framework';
import type { LabelSelector } from '@kubenest/apimachinery/selectors';

/** Everything and nothing both print as '', so the kind is spelled out. */
export const selectorSignature = (selector: LabelSelector): string =>
  selector.empty ? '*' : `=${selector.toString()}`;

export const labelsSignature = (labels: Readonly<Record<string, string>> | undefined): string =>
  Object.entries(labels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

export const termSignature = (term: AffinityTerm): string =>
  [
    [...term.namespaces].sort().join(','),
    selectorSignature(term.namespaceSelector),
    selectorSignature(term.selector),
    term.topologyKey,
  ].join('\x01');
