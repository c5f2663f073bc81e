// A reconcile whose object was deleted meanwhile has nothing left to do, as kube's controllers
// treat a NotFound from their own writes: the informer's delete event follows. What the step
// answers otherwise (a requeue after some time, say) passes through.
import { StatusError } from '@kubenest/apimachinery';
import type { Step } from './chain';

export const ignoreNotFound =
  <T>(step: Step<T>): Step<T> =>
  async (obj) => {
    try {
      return await step(obj);
    } catch (e) {
      if (StatusError.is(e) && e.code === 404) return;
      throw e;
    }
  };
