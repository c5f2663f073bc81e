// Requests and allocatable as the scheduler counts them, as kube-scheduler's framework.Resource:
// cpu in millicores, memory and ephemeral storage in bytes, extended resources by name, and the
// number of pods. Quantities are rounded up as resource.Quantity's MilliValue and Value do.
import type { Node, Pod } from '@kubenest/api/core/types';
import { parseQuantity, quantityMilliValue, quantityValue } from '@kubenest/apimachinery/quantity/quantity';

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const EPHEMERAL_STORAGE = 'ephemeral-storage';
export const PODS = 'pods';

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended resources (`example.com/gpu`, hugepages-*, ...), by name, in Value() units. */
  scalar: Map<string, number>;
}

/** Requests of a container without any, as kube-scheduler assumes them when scoring (100m, 200Mi). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export const emptyResources = (): Resources => ({
  milliCPU: 0,
  memory: 0,
  ephemeralStorage: 0,
  allowedPodNumber: 0,
  scalar: new Map(),
});

export const cloneResources = (r: Resources): Resources => ({ ...r, scalar: new Map(r.scalar) });

type ResourceList = Record<string, string | number> | undefined | null;

// A pod's requests are summed and compared at the quantities' own precision and rounded once at
// the end, as kube adds resource.Quantity values before taking MilliValue/Value: two containers
// asking 0.5 bytes need 1 byte, not 2.
type ExactList = Map<string, bigint>;

const rounded = (name: string, nanos: bigint): number => {
  const q = { nanos, format: 'DecimalSI' as const };
  return name === CPU ? quantityMilliValue(q) : quantityValue(q);
};

const exactOf = (list: ResourceList, nonZero: boolean): ExactList => {
  const exact: ExactList = new Map();
  for (const [name, value] of Object.entries(list ?? {})) exact.set(name, parseQuantity(value).nanos);
  if (nonZero) {
    if (!exact.has(CPU)) exact.set(CPU, BigInt(DEFAULT_MILLI_CPU_REQUEST) * 1_000_000n);
    if (!exact.has(MEMORY)) exact.set(MEMORY, BigInt(DEFAULT_MEMORY_REQUEST) * 1_000_000_000n);
  }
  return exact;
};

const addExact = (a: ExactList, b: ExactList): void => {
  for (const [name, value] of b) a.set(name, (a.get(name) ?? 0n) + value);
};

const maxExact = (a: ExactList, b: ExactList): void => {
  for (const [name, value] of b) {
    const mine = a.get(name);
    if (mine === undefined || value > mine) a.set(name, value);
  }
};

/** Adds (sign 1) or removes (sign -1) `b` into `a`. */
export const addResources = (a: Resources, b: Resources, sign: 1 | -1 = 1): void => {
  a.milliCPU += sign * b.milliCPU;
  a.memory += sign * b.memory;
  a.ephemeralStorage += sign * b.ephemeralStorage;
  a.allowedPodNumber += sign * b.allowedPodNumber;
  for (const [name, value] of b.scalar) a.scalar.set(name, (a.scalar.get(name) ?? 0) + sign * value);
};

/** A ResourceList (`{cpu: '500m', memory: '1Gi'}`) as Resources. */
export const resourcesOf = (list: ResourceList): Resources => resourcesOfExact(exactOf(list, false));

const resourcesOfExact = (exact: ExactList): Resources => {
  const r = emptyResources();
  for (const [name, nanos] of exact) {
    const v = rounded(name, nanos);
    if (name === CPU) r.milliCPU = v;
    else if (name === MEMORY) r.memory = v;
    else if (name === EPHEMERAL_STORAGE) r.ephemeralStorage = v;
    else if (name === PODS) r.allowedPodNumber = v;
    else r.scalar.set(name, v);
  }
  return r;
};

/**
 * What a pod asks of a node, as resourcehelper.PodRequests: the regular containers and the
 * sidecars (init containers with restartPolicy Always) run together; each other init container
 * runs alone beside the sidecars started before it, so the pod needs the larger of the two;
 * the pod's overhead comes on top. nonZero: containers without a cpu or memory request count
 * 100m and 200Mi, as the scoring plugins count them.
 */
export const podRequests = (pod: Pod, nonZero = false): Resources => {
  // A cycle asks this of one pod object several times (its info, the plugins, the signature);
  // pods from the informers are never changed in place, so the sums are kept per object.
  const cache = nonZero ? nonZeroRequestsOf : requestsOf;
  let requests = cache.get(pod);
  if (!requests) {
    requests = computePodRequests(pod, nonZero);
    cache.set(pod, requests);
  }
  return cloneResources(requests);
};

const requestsOf = new WeakMap<Pod, Resources>();
const nonZeroRequestsOf = new WeakMap<Pod, Resources>();

const computePodRequests = (pod: Pod, nonZero: boolean): Resources => {
  const spec = pod.spec;
  const reqs: ExactList = new Map();
  for (const c of spec?.containers ?? []) addExact(reqs, exactOf(c.resources?.requests, nonZero));
  const sidecars: ExactList = new Map();
  const initMax: ExactList = new Map();
  for (const c of spec?.initContainers ?? []) {
    const own = exactOf(c.resources?.requests, nonZero);
    if (c.restartPolicy === 'Always') {
      addExact(reqs, own);
      addExact(sidecars, own);
      maxExact(initMax, sidecars);
    } else {
      addExact(own, sidecars);
      maxExact(initMax, own);
    }
  }
  maxExact(reqs, initMax);
  if (spec?.overhead) addExact(reqs, exactOf(spec.overhead, false));
  return resourcesOfExact(reqs);
};

/** The node's allocatable (capacity when allocatable is absent), pods included. */
export const nodeAllocatable = (node: Node): Resources =>
  resourcesOf((node.status?.allocatable ?? node.status?.capacity) as ResourceList);
