// A reconcile as a chain of small steps, each given the object and answering whether the chain
// goes on and when to look again, as controller-runtime's reconcile.Result carries RequeueAfter.
export interface StepResult {
  /** Look at the object again after this long, even if nothing changes (the shortest asked wins). */
  requeueAfterMs?: number;
  /** The later steps are skipped this time. */
  stop?: boolean;
}

export type Step<T> = (obj: T) => Promise<StepResult | void>;

/** Runs the steps in order until one stops the chain; a step that throws fails the reconcile (retried with backoff). */
export const chain =
  <T>(...steps: Step<T>[]): Step<T> =>
  async (obj: T): Promise<StepResult> => {
    let requeueAfterMs: number | undefined;
    for (const step of steps) {
      const result = (await step(obj)) ?? {};
      if (result.requeueAfterMs !== undefined)
        requeueAfterMs = Math.min(requeueAfterMs ?? Infinity, result.requeueAfterMs);
      if (result.stop) break;
    }
    return requeueAfterMs === undefined ? {} : { requeueAfterMs };
  };
