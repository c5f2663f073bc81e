// metadata validation for built-in kinds: apimachinery's rules plus kube's finalizer-name rule.
import { FieldError, invalid, ObjectMeta } from '@kubenest/apimachinery';
import { NameValidator, validateObjectMeta } from '@kubenest/apimachinery/validation';

const standardFinalizers = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** A finalizer without a domain prefix must be one of kube's own. */
export const validateKubeFinalizerName = (name: string, path: string): FieldError[] =>
  !name.includes('/') && !standardFinalizers.includes(name)
    ? [invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')]
    : [];

export const validateBuiltinMeta = (
  meta: ObjectMeta,
  options: { namespaced: boolean; nameValidator: NameValidator; path?: string },
): FieldError[] => {
  const path = options.path ?? 'metadata';
  return [
    ...validateObjectMeta(meta, options),
    ...(meta.finalizers ?? []).flatMap((f) => validateKubeFinalizerName(f, `${path}.finalizers`)),
  ];
};
