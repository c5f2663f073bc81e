// kube's finalizer-name rule for built-in kinds, which the generic store runs beside ObjectMeta's own.
import { FieldError, invalid } from '@kubenest/apimachinery';

const standardFinalizers = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** A finalizer without a domain prefix must be one of kube's own. */
export const validateKubeFinalizerName = (name: string, path: string): FieldError[] =>
  !name.includes('/') && !standardFinalizers.includes(name)
    ? [invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')]
    : [];
