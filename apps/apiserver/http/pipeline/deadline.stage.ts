// As kube-apiserver's timeout filter: a request that has no answer within a minute (a hung
// database, say) gets a 504 Status; watches and other long-running requests are exempt.
import { StatusError } from '@kubenest/apimachinery';
import { Stage } from './stage';

export const requestTimeoutMs = 60_000;

const expire = (reject: (error: StatusError) => void): void =>
  reject(StatusError.timeout('Timeout: request did not complete within requested timeout - context deadline exceeded'));

/**
 * The work's outcome, or the 504 once timeoutMs have passed. Every request takes this path, so it
 * costs one promise and one timer: Node keeps timers of one duration in one list, which makes
 * setting and clearing one O(1) with a single OS timer for them all. Once the deadline has
 * answered, a late outcome (or its failure to write a response) has no one to tell.
 */
const withDeadline = (work: Promise<void>, timeoutMs: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(expire, timeoutMs, reject);
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

export const deadlineStage =
  (timeoutMs = requestTimeoutMs): Stage =>
  (context, next) =>
    context.route!.longRunning ? next(context) : withDeadline(next(context), timeoutMs);
