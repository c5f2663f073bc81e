// Server-side field validation (the fieldValidation query parameter) as kube-apiserver applies it
// on create, update and patch: Strict fails on unknown fields, Warn (the default) and Ignore drop them,
// Warn also tells the client once per field in a Warning header.
import { GroupVersionKind, StatusError } from '@kubenest/apimachinery';
import { checkStructure, TypeMismatch } from './structure-check';

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

/** kube's decoding error for a value of the wrong type, naming the first one. */
const typeMismatchError = (gvk: GroupVersionKind, mismatch: TypeMismatch): StatusError =>
  StatusError.badRequest(
    `${gvk.kind} in version "${gvk.version}" cannot be handled as a ${gvk.kind}: json: cannot unmarshal ` +
      `${mismatch.got} into Go struct field ${gvk.kind}.${mismatch.path} of type ${mismatch.expected}`,
  );

/**
 * Checks obj against its kind's schema. A value of the wrong type fails in every mode (400), as
 * kube's decoder fails. Unknown fields are removed (a Go struct never keeps them), except that
 * Strict fails on them: 400 `strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`.
 * Warn returns the warning texts, e.g. `unknown field "spec.foo"`, which the HTTP layer sends each
 * as a `Warning: 299 - "<text>"` header. Ignore returns no warnings.
 */
export function applyFieldValidation(
  mode: FieldValidationMode,
  gvk: GroupVersionKind,
  obj: unknown,
): { warnings: string[] } {
  const { unknownFields, typeMismatches } = checkStructure(gvk, obj, mode !== 'Strict');
  if (typeMismatches.length) throw typeMismatchError(gvk, typeMismatches[0]);
  if (mode === 'Strict' && unknownFields.length)
    throw StatusError.badRequest(`strict decoding error: ${unknownFields.map(unknownFieldMessage).join(', ')}`);
  return { warnings: mode === 'Warn' ? unknownFields.map(unknownFieldMessage) : [] };
}
