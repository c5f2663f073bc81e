// Finalizer names: qualified names; "orphan" and "foregroundDeletion" exclude each other.
import { FieldError, forbidden, invalid } from '../field-error';
import { isQualifiedName } from './qualified-name';

export const finalizerOrphanDependents = 'orphan';
export const finalizerDeleteDependents = 'foregroundDeletion';

export const validateFinalizerName = (name: string, path: string): FieldError[] =>
  isQualifiedName(name).map((msg) => invalid(path, name, msg));

export const validateFinalizers = (finalizers: string[] | null | undefined, path: string): FieldError[] => {
  const list = finalizers ?? [];
  const errs = list.flatMap((f) => validateFinalizerName(f, path));
  if (list.includes(finalizerOrphanDependents) && list.includes(finalizerDeleteDependents)) {
    errs.push(
      invalid(path, list, `finalizer ${finalizerOrphanDependents} and ${finalizerDeleteDependents} cannot be both set`),
    );
  }
  return errs;
};

/** While an object is being deleted its finalizers may only shrink. */
export const validateNoNewFinalizers = (
  finalizers: string[] | undefined,
  old: string[] | undefined,
  path: string,
): FieldError[] => {
  const extra = [...new Set(finalizers ?? [])].filter((f) => !(old ?? []).includes(f)).sort();
  if (extra.length === 0) return [];
  return [
    forbidden(
      path,
      `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
    ),
  ];
};
