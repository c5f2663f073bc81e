// InterPodAffinityArgs (kubescheduler.config.k8s.io/v1) with kube's defaults and range checks.
export interface InterPodAffinityArgs {
  /** The score weight an existing pod's required affinity gives the pods it selects. */
  hardPodAffinityWeight: number;
  /** Leave existing pods' preferred terms out when the incoming pod has no preferred terms. */
  ignorePreferredTermsOfExistingPods: boolean;
}

export const interPodAffinityArgs = (raw: Record<string, unknown> | undefined): InterPodAffinityArgs => {
  const weight = raw?.hardPodAffinityWeight ?? 1;
  if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > 100)
    throw new Error(`hardPodAffinityWeight: Invalid value: ${JSON.stringify(weight)}: not in valid range [0-100]`);
  const ignore = raw?.ignorePreferredTermsOfExistingPods ?? false;
  if (typeof ignore !== 'boolean')
    throw new Error(`ignorePreferredTermsOfExistingPods: Invalid value: ${JSON.stringify(ignore)}: must be a boolean`);
  return { hardPodAffinityWeight: weight, ignorePreferredTermsOfExistingPods: ignore };
};
