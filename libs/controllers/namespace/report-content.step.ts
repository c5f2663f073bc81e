// Step 2 of namespace deletion: report what remains as the namespace's conditions (through its
// status subresource), and say whether the namespace is empty and may be finalized.
import type { Namespace } from '@kubenest/api/core/types';
import { ContentReport } from './delete-content.step';
import { conditionsFor, setNamespaceConditions } from './namespace-conditions';

/** Writes the status the mutation makes, through the status subresource, on a fresh read. */
export type WriteNamespaceStatus = (name: string, mutate: (current: Namespace) => void) => Promise<Namespace>;

/** Content is left (or could not be deleted): the namespace is tried again later. */
export class ContentRemainingError extends Error {
  constructor(readonly report: ContentReport) {
    const left = Object.entries(report.remaining).map(([resource, n]) => `${n} ${resource}`);
    super(`waiting for ${left.join(', ') || 'content'} to be deleted${report.failures.length ? ' (some failed)' : ''}`);
  }
}

export const isEmpty = (report: ContentReport): boolean =>
  Object.keys(report.remaining).length === 0 && report.failures.length === 0;

export const reportContent =
  (deps: { writeStatus: WriteNamespaceStatus; now: () => Date }) =>
  async (ns: Namespace, report: ContentReport): Promise<boolean> => {
    const conditions = conditionsFor(report);
    await deps.writeStatus(ns.metadata.name!, (current) => setNamespaceConditions(current, conditions, deps.now()));
    return isEmpty(report);
  };
