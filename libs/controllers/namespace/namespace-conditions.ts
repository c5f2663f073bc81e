// The conditions kube's namespace controller reports on a Terminating namespace, made from what
// the content deletion left behind; a condition keeps its transition time while its status holds.
import type { Namespace } from '@kubenest/api/core/types';
import { metaTime } from '@kubenest/apimachinery';
import { ContentReport } from './delete-content.step';

type NamespaceCondition = NonNullable<NonNullable<Namespace['status']>['conditions']>[number];
type ConditionValue = Pick<NamespaceCondition, 'type' | 'status' | 'reason' | 'message'>;

const describeCounts = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} has ${n} resource instances`)
    .join(', ');

/** The controller's conditions for this report, in kube's wording. */
export const conditionsFor = (report: ContentReport): ConditionValue[] => {
  const remaining = Object.keys(report.remaining).length > 0;
  const finalizers = Object.keys(report.finalizers).length > 0;
  const failed = report.failures.length > 0;
  return [
    {
      type: 'NamespaceDeletionDiscoveryFailure',
      status: 'False',
      reason: 'ResourcesDiscovered',
      message: 'All resources successfully discovered',
    },
    {
      type: 'NamespaceDeletionGroupVersionParsingFailure',
      status: 'False',
      reason: 'ParsedGroupVersions',
      message: 'All legacy kube types successfully parsed',
    },
    failed
      ? {
          type: 'NamespaceDeletionContentFailure',
          status: 'True',
          reason: 'ContentDeletionFailed',
          message: `Failed to delete all resource types, ${report.failures.length} remaining: ${report.failures.join(', ')}`,
        }
      : {
          type: 'NamespaceDeletionContentFailure',
          status: 'False',
          reason: 'ContentDeleted',
          message: 'All content successfully deleted, may be waiting on finalization',
        },
    remaining
      ? {
          type: 'NamespaceContentRemaining',
          status: 'True',
          reason: 'SomeResourcesRemain',
          message: `Some resources are remaining: ${describeCounts(report.remaining)}`,
        }
      : {
          type: 'NamespaceContentRemaining',
          status: 'False',
          reason: 'ContentRemoved',
          message: 'All content successfully removed',
        },
    finalizers
      ? {
          type: 'NamespaceFinalizersRemaining',
          status: 'True',
          reason: 'SomeFinalizersRemain',
          message: `Some content in the namespace has finalizers remaining: ${describeCounts(report.finalizers)}`,
        }
      : {
          type: 'NamespaceFinalizersRemaining',
          status: 'False',
          reason: 'ContentHasNoFinalizers',
          message: 'All content-preserving finalizers finished',
        },
  ];
};

/** Sets the conditions on the namespace, Terminating, keeping transition times that did not change. */
export const setNamespaceConditions = (ns: Namespace, values: ConditionValue[], now: Date): void => {
  const at = metaTime(now) as never;
  const previous = ns.status?.conditions ?? [];
  const types = new Set(values.map((v) => v.type));
  const kept = previous.filter((c) => !types.has(c.type));
  const updated = values.map((value): NamespaceCondition => {
    const old = previous.find((c) => c.type === value.type);
    const lastTransitionTime = old && old.status === value.status ? old.lastTransitionTime : at;
    return { ...value, lastTransitionTime };
  });
  ns.status = { ...ns.status, phase: 'Terminating', conditions: [...kept, ...updated] };
};
