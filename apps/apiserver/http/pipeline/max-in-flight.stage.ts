// As kube-apiserver's WithMaxInFlightLimit (--max-requests-inflight, --max-mutating-requests-inflight):
// at most so many reads and so many writes are served at once; one more is refused with 429 and
// Retry-After: 1 rather than queued. Long-running requests (watches, streams, the agents' tunnel)
// hold no place, so that slow requests cannot starve them, nor they the rest; system:masters always
// gets an answer, as kube's filter lets it through.
import { StatusError } from '@kubenest/apimachinery';
import { SYSTEM_MASTERS } from '@kubenest/auth';
import { Stage } from './stage';

export interface InFlightLimits {
  /** Reads (get, list) served at once; 0: no limit. */
  maxRequestsInFlight: number;
  /** Writes (every other verb) served at once; 0: no limit. */
  maxMutatingRequestsInFlight: number;
}

/** kube's defaults. */
export const DEFAULT_IN_FLIGHT_LIMITS: InFlightLimits = { maxRequestsInFlight: 400, maxMutatingRequestsInFlight: 200 };

// kube's nonMutatingRequestVerbs.
const READ_VERBS = new Set(['get', 'list', 'watch']);

export const tooManyRequests = (): StatusError =>
  new StatusError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: 1 });

class InFlight {
  private count = 0;

  constructor(private readonly limit: number) {}

  /** Takes a place, unless all are taken. */
  enter(): boolean {
    if (this.limit > 0 && this.count >= this.limit) return false;
    this.count++;
    return true;
  }

  leave(): void {
    this.count--;
  }
}

export const maxInFlightStage = (limits: InFlightLimits): Stage => {
  const reads = new InFlight(limits.maxRequestsInFlight);
  const writes = new InFlight(limits.maxMutatingRequestsInFlight);
  return async (context, next) => {
    const route = context.route!;
    if (route.longRunning) return next(context);
    const inFlight = READ_VERBS.has(route.attributes.verb) ? reads : writes;
    if (!inFlight.enter()) {
      if (context.req.user!.groups.includes(SYSTEM_MASTERS)) return next(context);
      throw tooManyRequests();
    }
    try {
      await next(context);
    } finally {
      inFlight.leave();
    }
  };
};
