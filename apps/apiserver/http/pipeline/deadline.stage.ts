// As kube-apiserver's timeout filter: a request that has no answer within a minute (a hung
// database, say) gets a 504 Status; watches and other long-running requests are exempt.
import { StatusError } from '@kubenest/apimachinery';
import { Stage } from './stage';

export const requestTimeoutMs = 60_000;

const withDeadline = async (work: Promise<void>, timeoutMs = requestTimeoutMs): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          StatusError.timeout('Timeout: request did not complete within requested timeout - context deadline exceeded'),
        ),
      timeoutMs,
    );
  });
  // Once the deadline has answered, a late outcome (or its failure to write a response) has no one to tell.
  work.catch(() => undefined);
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
};

export const deadlineStage =
  (timeoutMs = requestTimeoutMs): Stage =>
  ({ route }, next) =>
    route!.longRunning ? next() : withDeadline(next(), timeoutMs);
