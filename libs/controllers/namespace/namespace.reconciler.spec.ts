import type { Namespace } from '@kubenest/api/core/types';
import { ContentReport } from './delete-content.step';
import { reconcileNamespace } from './namespace.reconciler';
import { ContentRemainingError, isEmpty } from './report-content.step';

const namespace = (deleting: boolean, finalizers: string[]): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'x', ...(deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' as never } : {}) },
  spec: { finalizers },
});

const empty: ContentReport = { remaining: {}, finalizers: {}, failures: [] };
const podLeft: ContentReport = { remaining: { pods: 1 }, finalizers: {}, failures: [] };

describe('reconcileNamespace', () => {
  it.each([
    { name: 'an active namespace', ns: namespace(false, ['kubernetes']), report: empty, steps: [], error: false },
    { name: 'already finalized', ns: namespace(true, ['example.com/x']), report: empty, steps: [], error: false },
    {
      name: 'an empty namespace being deleted',
      ns: namespace(true, ['kubernetes']),
      report: empty,
      steps: ['delete', 'report', 'finalize'],
      error: false,
    },
    {
      name: 'content left',
      ns: namespace(true, ['kubernetes']),
      report: podLeft,
      steps: ['delete', 'report'],
      error: true,
    },
  ])('$name → $steps', async ({ ns, report, steps, error }) => {
    const ran: string[] = [];
    const reconcile = reconcileNamespace({
      deleteContent: async () => {
        ran.push('delete');
        return report;
      },
      reportContent: async (_, r) => {
        ran.push('report');
        return isEmpty(r);
      },
      finalize: async () => {
        ran.push('finalize');
      },
    });
    const done = reconcile(ns);
    if (error) await expect(done).rejects.toBeInstanceOf(ContentRemainingError);
    else await done;
    expect(ran).toEqual(steps);
  });
});
