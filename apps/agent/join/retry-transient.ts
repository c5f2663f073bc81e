// A join step retried for as long as it fails for a reason that may pass (the control plane
// unreachable, stalled, starting or overloaded), as kubelet's TLS bootstrap keeps trying. A
// JoinError or a refusal (a 4xx answer) ends the join: only the user can change those.
import { Logger } from '@nestjs/common';
import { isStatus } from '../util/status-code';
import { Backoff, backoffDelay } from '@kubenest/apimachinery/wait';
import { JoinError } from './join-error';

export const JOIN_BACKOFF: Backoff = { baseMs: 1000, maxMs: 30_000 };

const logger = new Logger('Join');

export const isTransient = (e: unknown): boolean =>
  !(e instanceof JoinError) && !(isStatus(e) && e.code < 500 && e.code !== 408 && e.code !== 429);

export async function retryTransient<T>(
  what: string,
  attempt: () => Promise<T>,
  sleep: (ms: number) => Promise<void>,
): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isTransient(e)) throw e;
      const delay = backoffDelay(failures, JOIN_BACKOFF);
      logger.warn(`${what} failed (${(e as Error).message}); retrying in ${delay} ms`);
      await sleep(delay);
    }
  }
}
