// Whether an error is the API's answer with one of the given HTTP codes (any code when none is
// given): how the agent's steps tell "not found" or "conflict" from a failure worth retrying.
import { StatusError } from '@kubenest/apimachinery';

export const isStatus = (e: unknown, ...codes: number[]): e is StatusError =>
  StatusError.is(e) && (codes.length === 0 || codes.includes(e.code));
