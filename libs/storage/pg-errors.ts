// Maps PostgreSQL and driver failures onto StoreError codes the registry understands.
import { StoreError } from './store-error';

/** SQLSTATEs meaning the server went away or refused us for now: retry later. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /connection (is )?(closed|ended)/i,
  /Client was closed/i,
];

function driverError(error: unknown): { code?: string; message?: string } {
  const e = error as { driverError?: unknown };
  return ((e && typeof e === 'object' && e.driverError) || error || {}) as { code?: string; message?: string };
}

/** True when the failure is about reaching the database, not about the statement. */
export function isUnavailable(error: unknown): boolean {
  const { code, message } = driverError(error);
  if (
    typeof code === 'string' &&
    (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))
  ) {
    return true;
  }
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message));
}

/** The StoreError for a database failure; other errors pass through unchanged. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const { code, message } = driverError(error);
  if (code === '57014') return new StoreError('timeout', `the database did not answer in time: ${message}`);
  if (isUnavailable(error))
    return new StoreError('unavailable', `the database is unavailable: ${message ?? String(error)}`);
  return error;
}
