// pods/eviction: a POST of a policy/v1 Eviction deletes the pod with the eviction's deleteOptions,
// as kube's EvictionREST does. No PodDisruptionBudgets exist yet, so no eviction is ever refused
// with 429 for one: every pod is as if no budget covered it.
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { DeleteOptions, Subresource, createdStatus } from '@kubenest/registry';

export interface Eviction extends KubeObject {
  deleteOptions?: {
    dryRun?: string[];
    gracePeriodSeconds?: number;
    preconditions?: { uid?: string; resourceVersion?: string };
  };
}

const EVICTION_KIND = { group: 'policy', version: 'v1', kind: 'Eviction' };

/** As kube's propagateDryRun: the request's dryRun and the eviction's must not disagree. */
const evictionDryRun = (eviction: Eviction, requested: boolean): boolean => {
  const own = eviction.deleteOptions?.dryRun ?? [];
  if (own.length === 0) return requested;
  if (requested && !(own.length === 1 && own[0] === 'All')) {
    throw StatusError.badRequest(`Non-matching dry-run options in request and content: [All] and [${own.join(' ')}]`);
  }
  if (own.some((v) => v !== 'All')) throw StatusError.badRequest(`unsupported dry run value: "${own[0]}"`);
  return true;
};

export const podEviction: Subresource = {
  kind: EVICTION_KIND,
  create: async ({ store, namespace, name }, body, ctx) => {
    const eviction = body as Eviction;
    if (eviction.metadata.name !== name) {
      throw StatusError.badRequest('name in URL does not match name in Eviction object');
    }
    const options: DeleteOptions = {
      user: ctx.user,
      dryRun: evictionDryRun(eviction, !!ctx.dryRun),
      gracePeriodSeconds: eviction.deleteOptions?.gracePeriodSeconds,
      preconditions: eviction.deleteOptions?.preconditions,
    };
    await store.delete(namespace, name, options);
    return createdStatus();
  },
};
