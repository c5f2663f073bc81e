import type { Namespace } from '@kubenest/api/core/types';
import { ContentReport } from './delete-content.step';
import { reportContent } from './report-content.step';

const terminating = (): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'x', deletionTimestamp: '2025-01-01T00:00:00Z' as never },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Terminating' },
});

const run = async (report: ContentReport, stored = terminating(), at = '2025-01-01T00:00:05Z') => {
  const writes: Namespace[] = [];
  const writeStatus = async (_: string, mutate: (ns: Namespace) => void) => {
    const current = structuredClone(stored);
    mutate(current);
    writes.push(current);
    return current;
  };
  const empty = await reportContent({ writeStatus, now: () => new Date(at) })(stored, report);
  return { empty, written: writes[0] };
};

const condition = (ns: Namespace, type: string) => ns.status?.conditions?.find((c) => c.type === type);

describe('reportContent', () => {
  it.each<{ name: string; report: ContentReport; empty: boolean }>([
    { name: 'nothing left', report: { remaining: {}, finalizers: {}, failures: [] }, empty: true },
    { name: 'a pod left', report: { remaining: { pods: 1 }, finalizers: {}, failures: [] }, empty: false },
    { name: 'a failure', report: { remaining: {}, finalizers: {}, failures: ['pods "p": no'] }, empty: false },
  ])('$name → empty $empty, phase Terminating', async ({ report, empty }) => {
    const result = await run(report);
    expect(result.empty).toBe(empty);
    expect(result.written.status?.phase).toBe('Terminating');
  });

  it.each<{ name: string; report: ContentReport; type: string; expected: object }>([
    {
      name: 'content remaining',
      report: { remaining: { pods: 2, 'deployments.apps': 1 }, finalizers: {}, failures: [] },
      type: 'NamespaceContentRemaining',
      expected: {
        status: 'True',
        reason: 'SomeResourcesRemain',
        message:
          'Some resources are remaining: deployments.apps has 1 resource instances, pods has 2 resource instances',
      },
    },
    {
      name: 'no content remaining',
      report: { remaining: {}, finalizers: {}, failures: [] },
      type: 'NamespaceContentRemaining',
      expected: { status: 'False', reason: 'ContentRemoved' },
    },
    {
      name: 'finalizers remaining',
      report: { remaining: { widgets: 1 }, finalizers: { 'example.com/f': 1 }, failures: [] },
      type: 'NamespaceFinalizersRemaining',
      expected: {
        status: 'True',
        reason: 'SomeFinalizersRemain',
        message: 'Some content in the namespace has finalizers remaining: example.com/f has 1 resource instances',
      },
    },
    {
      name: 'no finalizers remaining',
      report: { remaining: {}, finalizers: {}, failures: [] },
      type: 'NamespaceFinalizersRemaining',
      expected: { status: 'False', reason: 'ContentHasNoFinalizers' },
    },
    {
      name: 'a deletion failure',
      report: { remaining: { pods: 1 }, finalizers: {}, failures: ['pods "p": no'] },
      type: 'NamespaceDeletionContentFailure',
      expected: { status: 'True', reason: 'ContentDeletionFailed', message: expect.stringContaining('pods "p": no') },
    },
    {
      name: 'no deletion failure',
      report: { remaining: {}, finalizers: {}, failures: [] },
      type: 'NamespaceDeletionContentFailure',
      expected: { status: 'False', reason: 'ContentDeleted' },
    },
  ])('$name: $type', async ({ report, type, expected }) => {
    const { written } = await run(report);
    expect(condition(written, type)).toMatchObject({ ...expected, lastTransitionTime: '2025-01-01T00:00:05Z' });
  });

  it('keeps the transition time of a condition whose status holds', async () => {
    const report = { remaining: { pods: 1 }, finalizers: {}, failures: [] };
    const first = (await run(report)).written;
    const second = (await run({ ...report, remaining: { pods: 2 } }, first, '2025-01-01T00:01:00Z')).written;
    expect(condition(second, 'NamespaceContentRemaining')).toMatchObject({
      lastTransitionTime: '2025-01-01T00:00:05Z',
      message: 'Some resources are remaining: pods has 2 resource instances',
    });
    const third = (await run({ remaining: {}, finalizers: {}, failures: [] }, second, '2025-01-01T00:02:00Z')).written;
    expect(condition(third, 'NamespaceContentRemaining')).toMatchObject({
      status: 'False',
      lastTransitionTime: '2025-01-01T00:02:00Z',
    });
    expect(third.status?.conditions).toHaveLength(5);
  });
});
