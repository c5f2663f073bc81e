// Fields that may not change once set, and numbers that may not be negative.
import { isDeepStrictEqual } from 'node:util';
import { FieldError, invalid } from '../field-error';
import { immutableFieldMessage, negativeMessage } from './messages';

// JSON has no difference between an absent field and a null one; neither does this check.
const normalized = (value: unknown): unknown => (value === null ? undefined : value);

export const validateImmutableField = (value: unknown, old: unknown, path: string): FieldError[] =>
  isDeepStrictEqual(normalized(value), normalized(old)) ? [] : [invalid(path, value ?? null, immutableFieldMessage)];

export const validateNonnegativeField = (value: number, path: string): FieldError[] =>
  value < 0 ? [invalid(path, value, negativeMessage)] : [];
