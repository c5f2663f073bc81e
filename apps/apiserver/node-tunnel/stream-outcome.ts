// What a node's error channel says at the end of a stream, read defensively: a node's bytes are
// checked like a client's, so a malformed outcome becomes an error, never a crash.
import { StreamOutcome } from '@kubenest/node-protocol';

/** The outcome that stands in for one the node sent malformed, or a frame it cut short. */
export const MALFORMED_OUTCOME = {
  error: { code: 500, reason: 'InternalError', message: 'the node sent a malformed stream frame' },
} satisfies StreamOutcome;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The error channel's JSON as a StreamOutcome; throws when it is not one. */
export const parseOutcome = (data: Buffer): StreamOutcome => {
  const doc: unknown = JSON.parse(data.toString('utf8'));
  if (isRecord(doc) && Number.isInteger(doc.exitCode)) return { exitCode: doc.exitCode as number };
  const error = isRecord(doc) ? doc.error : undefined;
  if (
    isRecord(error) &&
    Number.isInteger(error.code) &&
    typeof error.reason === 'string' &&
    typeof error.message === 'string'
  ) {
    return { error: { code: error.code as number, reason: error.reason, message: error.message } };
  }
  throw new Error('not a stream outcome');
};
