// Server-side field validation (the fieldValidation query parameter) as kube-apiserver applies it
// on create, update and patch: Strict fails on unknown fields, Warn (the default) and Ignore drop them,
// Warn also tells the client once per field in a Warning header.
import { GroupVersionKind, StatusError } from '@kubenest/apimachinery';
import { findUnknownFields, pruneUnknownFields } from './unknown-fields';

export type FieldValidationMode = 'Strict' | 'Warn' | 'Ignore';

const MODES: FieldValidationMode[] = ['Strict', 'Warn', 'Ignore'];

/** Parses the query parameter; absent means Warn, as in kube-apiserver. */
export function parseFieldValidation(raw: string | undefined): FieldValidationMode {
  if (raw === undefined || raw === '') return 'Warn';
  const mode = MODES.find((m) => m === raw);
  if (!mode)
    throw StatusError.badRequest(
      `fieldValidation parameter unsupported: ${JSON.stringify(raw)}; must be one of ${MODES.join(', ')}`,
    );
  return mode;
}

const unknownFieldMessage = (path: string): string => `unknown field ${JSON.stringify(path)}`;

/**
 * Checks obj against its kind's schema and removes unknown fields (a Go struct never keeps them).
 * Strict: throws 400 `strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`.
 * Warn: returns the warning texts, e.g. `unknown field "spec.foo"`; the HTTP layer sends each as
 * a `Warning: 299 - "<text>"` header. Ignore: returns no warnings.
 */
export function applyFieldValidation(
  mode: FieldValidationMode,
  gvk: GroupVersionKind,
  obj: unknown,
): { warnings: string[] } {
  if (mode === 'Strict') {
    const unknown = findUnknownFields(gvk, obj);
    if (unknown.length)
      throw StatusError.badRequest(`strict decoding error: ${unknown.map(unknownFieldMessage).join(', ')}`);
    return { warnings: [] };
  }
  const pruned = pruneUnknownFields(gvk, obj);
  return { warnings: mode === 'Warn' ? pruned.map(unknownFieldMessage) : [] };
}
