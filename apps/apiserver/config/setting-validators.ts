// class-validator rules the config needs beyond the built-in ones: a bind address and a PostgreSQL URL.
import { isFQDN, isIP, ValidateBy, ValidationOptions } from 'class-validator';

const isBindAddress = (value: unknown): boolean =>
  typeof value === 'string' && (isIP(value) || isFQDN(value, { require_tld: false, allow_underscores: true }));

export const IsBindAddress = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({ name: 'isBindAddress', validator: { validate: isBindAddress } }, options);

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

export const IsPostgresUrl = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({ name: 'isPostgresUrl', validator: { validate: isPostgresUrl } }, options);

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
