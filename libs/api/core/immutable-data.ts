// ConfigMaps and Secrets marked `immutable`: neither the mark nor the data may change after.
import { isDeepStrictEqual } from 'node:util';
import { FieldError, forbidden } from '@kubenest/apimachinery';

const immutableMessage = 'field is immutable when `immutable` is set';

/** Errors for changing what an immutable ConfigMap or Secret holds. */
export const immutableDataErrors = (
  obj: { immutable?: boolean } & Record<string, unknown>,
  old: { immutable?: boolean } & Record<string, unknown>,
  fields: string[],
): FieldError[] => {
  if (!old.immutable) return [];
  const errs = obj.immutable ? [] : [forbidden('immutable', immutableMessage)];
  for (const f of fields) if (!isDeepStrictEqual(obj[f] ?? {}, old[f] ?? {})) errs.push(forbidden(f, immutableMessage));
  return errs;
};
