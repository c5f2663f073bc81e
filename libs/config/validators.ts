// class-validator rules settings need beyond the built-in ones: a bind address, a PostgreSQL URL,
// and label maps, taints and positive quantities as the Kubernetes API validates them.
import { isFQDN, isIP, ValidateBy, ValidationOptions } from 'class-validator';
import { isQualifiedName, isValidLabelValue } from '@kubenest/apimachinery/validation';
import { isPositiveQuantity, Taint } from './parsers';

const rule =
  (name: string, validate: (value: unknown) => boolean) =>
  (options?: ValidationOptions): PropertyDecorator =>
    ValidateBy({ name, validator: { validate } }, options);

const isBindAddress = (value: unknown): boolean =>
  typeof value === 'string' && (isIP(value) || isFQDN(value, { require_tld: false, allow_underscores: true }));

// WHATWG URL parsing rather than isURL: node-postgres also accepts socket forms such as
// postgres:///kubenest?host=/var/run/postgresql, which have no host part.
const isPostgresUrl = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
  } catch {
    return false;
  }
};

/** What secret a database URL holds: a password, in its user part or as the password parameter
 * node-postgres also reads. */
export const databaseUrlSecret = (raw: string): string | undefined => {
  try {
    const url = new URL(raw);
    return url.password || url.searchParams.has('password') ? 'holds a password' : undefined;
  } catch {
    return undefined;
  }
};

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

const isLabelMap = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.entries(value).every(
    ([k, v]) => isQualifiedName(k).length === 0 && typeof v === 'string' && isValidLabelValue(v).length === 0,
  );

const isTaintList = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.every(
    (t: Taint) =>
      isQualifiedName(t.key).length === 0 &&
      isValidLabelValue(t.value ?? '').length === 0 &&
      TAINT_EFFECTS.includes(t.effect),
  );

export const IsBindAddress = rule('isBindAddress', isBindAddress);
export const IsPostgresUrl = rule('isPostgresUrl', isPostgresUrl);
export const IsLabelMap = rule('isLabelMap', isLabelMap);
export const IsTaintList = rule('isTaintList', isTaintList);
export const IsPositiveQuantity = rule('isPositiveQuantity', isPositiveQuantity);
