// What a delete does to an object's dependents, as kube-apiserver's generic store decides it: the
// request's propagationPolicy (or the deprecated orphanDependents) wins, then a GC finalizer the
// object already carries, then the kind's default. Orphan and Foreground become the `orphan` and
// `foregroundDeletion` finalizers the garbage collector acts on and then removes.
import { FieldError, invalid, notSupported, StatusError } from '@kubenest/apimachinery';
import { finalizerDeleteDependents, finalizerOrphanDependents } from '@kubenest/apimachinery/validation';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/**
 * kube's rest.GarbageCollectionPolicy: what a delete naming no policy does to the dependents.
 * DeleteDependents leaves them to the garbage collector in the background; Unsupported never
 * sets a GC finalizer (and drops one already there).
 */
export type GarbageCollectionPolicy = 'DeleteDependents' | 'OrphanDependents' | 'Unsupported';

export interface PropagationOptions {
  /** As sent: an unknown value is refused by validateDeleteOptions. */
  propagationPolicy?: string;
  /** Deprecated: true orphans the dependents, false deletes them in the background. */
  orphanDependents?: boolean;
}

const POLICIES: PropagationPolicy[] = ['Foreground', 'Background', 'Orphan'];

/** kube's ValidateDeleteOptions (its dryRun check is the HTTP layer's). */
export const validateDeleteOptions = ({ propagationPolicy, orphanDependents }: PropagationOptions): FieldError[] => {
  const errors: FieldError[] = [];
  if (orphanDependents !== undefined && propagationPolicy !== undefined) {
    errors.push(
      invalid('propagationPolicy', propagationPolicy, 'orphanDependents and deletionPropagation cannot be both set'),
    );
  }
  if (propagationPolicy !== undefined && !POLICIES.includes(propagationPolicy as PropagationPolicy)) {
    errors.push(notSupported('propagationPolicy', propagationPolicy, [...POLICIES, 'nil']));
  }
  return errors;
};

/**
 * As kube-apiserver's DELETE handler (before anything is read) and its BeforeDelete: bad options
 * are a 422 about the DeleteOptions.
 */
export const checkDeleteOptions = (options: PropagationOptions): void => {
  const errors = validateDeleteOptions(options);
  if (errors.length > 0) throw StatusError.invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', errors);
};

/** The first GC finalizer on the object, which stands for the policy of the delete that set it. */
const finalizerPolicy = (finalizers: string[]): PropagationPolicy | undefined => {
  for (const f of finalizers) {
    if (f === finalizerOrphanDependents) return 'Orphan';
    if (f === finalizerDeleteDependents) return 'Foreground';
  }
  return undefined;
};

const requestedPolicy = ({
  propagationPolicy,
  orphanDependents,
}: PropagationOptions): PropagationPolicy | undefined => {
  if (orphanDependents !== undefined) return orphanDependents ? 'Orphan' : 'Background';
  return POLICIES.includes(propagationPolicy as PropagationPolicy)
    ? (propagationPolicy as PropagationPolicy)
    : undefined;
};

/** The policy in force for this delete: the request's, else the object's GC finalizer's, else the kind's default. */
export const effectivePolicy = (
  finalizers: string[],
  kindDefault: GarbageCollectionPolicy,
  options: PropagationOptions,
): PropagationPolicy | undefined => {
  if (kindDefault === 'Unsupported') return undefined;
  return (
    requestedPolicy(options) ??
    finalizerPolicy(finalizers) ??
    (kindDefault === 'OrphanDependents' ? 'Orphan' : undefined)
  );
};

/**
 * The object's finalizers with the GC ones this delete calls for, or undefined when the set is
 * unchanged (kube's deletionFinalizersForGarbageCollection); the GC ones go last.
 */
export const garbageCollectionFinalizers = (
  finalizers: string[] | undefined,
  kindDefault: GarbageCollectionPolicy,
  options: PropagationOptions,
): string[] | undefined => {
  const current = finalizers ?? [];
  const policy = effectivePolicy(current, kindDefault, options);
  const next = current.filter((f) => f !== finalizerOrphanDependents && f !== finalizerDeleteDependents);
  if (policy === 'Orphan') next.push(finalizerOrphanDependents);
  if (policy === 'Foreground') next.push(finalizerDeleteDependents);
  const before = new Set(current);
  const after = new Set(next);
  const same = before.size === after.size && [...after].every((f) => before.has(f));
  return same ? undefined : next;
};
