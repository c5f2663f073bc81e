// A pod's QoS class from its containers' CPU and memory requests and limits, as kubelet and
// kube-apiserver compute it (Guaranteed, Burstable, BestEffort).
import { Container, PodSpec } from '../types';
import { parseQuantity } from '@kubenest/apimachinery/quantity';

type ResourceList = Record<string, string | number>;

const qosResources = ['cpu', 'memory'];

// Pods repeat a handful of quantities ("100m", "128Mi"), and every create and update of a pod
// computes its class: remembered parses keep the big-integer arithmetic off that path.
const parsedNanos = new Map<string | number, bigint>();
const rememberedParses = 1024;

// Nano units; a quantity that does not parse counts as zero (validation reports it elsewhere).
const nanosOf = (quantity: string | number): bigint => {
  let nanos = parsedNanos.get(quantity);
  if (nanos !== undefined) return nanos;
  try {
    nanos = parseQuantity(quantity).nanos;
  } catch {
    nanos = 0n;
  }
  if (parsedNanos.size >= rememberedParses) parsedNanos.clear();
  parsedNanos.set(quantity, nanos);
  return nanos;
};

const addPositive = (sum: Map<string, bigint>, list: ResourceList | undefined): Set<string> => {
  const found = new Set<string>();
  for (const [name, quantity] of Object.entries(list ?? {})) {
    if (!qosResources.includes(name)) continue;
    const value = nanosOf(quantity);
    if (value <= 0n) continue;
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
