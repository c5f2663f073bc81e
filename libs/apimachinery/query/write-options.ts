// Create/update/patch/delete query options (dryRun, fieldManager, fieldValidation, pretty),
// decoded and validated as kube-apiserver's handlers do.
import { FieldError, invalid, notSupported, tooLong } from '../field-error';
import { StatusError } from '../status-error';
import { queryBool } from './parse-bool';
import { QueryParams, allValues, firstValue } from './query-values';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';
export type WriteOptionsKind = 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions';

export interface WriteOptions {
  dryRun: boolean;
  fieldManager?: string;
  /** An absent parameter means Warn, as in kube-apiserver's handlers. */
  fieldValidation: FieldValidation;
  pretty: boolean;
}

const fieldManagerMaxLength = 128;

// Go's unicode.IsPrint, near enough: letters, marks, numbers, punctuation, symbols and the ASCII space.
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const fieldManagerErrors = (manager: string): FieldError[] => {
  const errs: FieldError[] = [];
  if (manager.length > fieldManagerMaxLength) errs.push(tooLong('fieldManager', fieldManagerMaxLength));
  let at = 0;
  for (const ch of manager) {
    if (!printable.test(ch)) {
      const code = ch.codePointAt(0) ?? 0;
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      errs.push(invalid('fieldManager', manager, `invalid character U+${hex} (at position ${at})`));
    }
    at += Buffer.byteLength(ch);
  }
  return errs;
};

/**
 * Decodes the options of a write. An unknown dryRun or fieldValidation value, or a bad field manager,
 * is 422 Invalid on `<kind>.meta.k8s.io` as kube-apiserver's option validation answers.
 */
export const parseWriteOptions = (query: QueryParams, kind: WriteOptionsKind = 'CreateOptions'): WriteOptions => {
  const errs: FieldError[] = [];
  const dryRun = allValues(query, 'dryRun');
  if (dryRun.some((v) => v !== 'All')) errs.push(notSupported('dryRun', dryRun, ['All']));
  const options: WriteOptions = {
    dryRun: dryRun.length > 0,
    fieldValidation: 'Warn',
    pretty: queryBool(firstValue(query, 'pretty')),
  };
  if (kind !== 'DeleteOptions') {
    const manager = firstValue(query, 'fieldManager');
    if (manager) {
      errs.push(...fieldManagerErrors(manager));
      options.fieldManager = manager;
    }
    const validation = firstValue(query, 'fieldValidation') ?? '';
    if (validation === 'Strict' || validation === 'Warn' || validation === 'Ignore')
      options.fieldValidation = validation;
    else if (validation !== '')
      errs.push(notSupported('fieldValidation', validation, ['', 'Ignore', 'Strict', 'Warn']));
  }
  if (errs.length) throw StatusError.invalid({ group: 'meta.k8s.io', kind }, '', errs);
  return options;
};
