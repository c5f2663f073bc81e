// A pod's QoS class from its containers' CPU and memory requests and limits, as kubelet and
// kube-apiserver compute it (Guaranteed, Burstable, BestEffort).
import { Container, PodSpec } from './types';
import { parseQuantity } from '@kubenest/apimachinery/quantity';

type ResourceList = Record<string, string | number>;

const qosResources = ['cpu', 'memory'];

// Nano units; a quantity that does not parse counts as zero (validation reports it elsewhere).
const nanosOf = (quantity: string | number): bigint => {
  try {
    return parseQuantity(quantity).nanos;
  } catch {
    return 0n;
  }
};

const addPositive = (sum: Map<string, bigint>, list: ResourceList | undefined): Set<string> => {
  const found = new Set<string>();
  for (const [name, quantity] of Object.entries(list ?? {})) {
    const value = nanosOf(quantity);
    if (!qosResources.includes(name) || value <= 0n) continue;
    found.add(name);
    sum.set(name, (sum.get(name) ?? 0n) + value);
  }
  return found;
};

export const podQOSClass = (spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' => {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const containers: Container[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  for (const c of containers) {
    addPositive(requests, c.resources?.requests as ResourceList | undefined);
    const limited = addPositive(limits, c.resources?.limits as ResourceList | undefined);
    if (!qosResources.every((r) => limited.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
};
