// The fragments node-local plugins sign a pod with (Plugin.signPod): the pod's fields their
// answers depend on, written so that two pods with equal fields get equal strings.
import type { Pod } from '@kubenest/api/core/types';
import { podRequests, type Resources } from '../../framework/resources';

const resourcesSignature = (r: Resources): string => {
  let out = `${r.milliCPU},${r.memory},${r.ephemeralStorage}`;
  for (const [name, amount] of [...r.scalar].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    out += `,${name}=${amount}`;
  return out;
};

// NodeResourcesFit and BalancedAllocation both sign with the requests: computed once per pod object.
const signedRequests = new WeakMap<Pod, string>();

/** The pod's requests as they are and with kube's defaults for containers that request no cpu or memory. */
export const requestsSignature = (pod: Pod): string => {
  let signature = signedRequests.get(pod);
  if (signature === undefined) {
    signature = `${resourcesSignature(podRequests(pod))}|${resourcesSignature(podRequests(pod, true))}`;
    signedRequests.set(pod, signature);
  }
  return signature;
};

export const tolerationsSignature = (pod: Pod): string => JSON.stringify(pod.spec?.tolerations ?? []);

export const nodeAffinitySignature = (pod: Pod): string =>
  JSON.stringify([pod.spec?.nodeSelector ?? null, pod.spec?.affinity?.nodeAffinity ?? null]);
