// Requests and allocatable as the scheduler counts them, as kube-scheduler's framework.Resource:
// cpu in millicores, memory and ephemeral storage in bytes, extended resources by name, and the
// number of pods. Quantities are rounded up as resource.Quantity's MilliValue and Value do.
import type { Node, Pod } from '@kubenest/api/core/types';
import { parseQuantity, quantityMilliValue, quantityValue } from '@kubenest/apimachinery/quantity';

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

const amount = (name: string, value: string | number): number => {
  const q = parseQuantity(value);
  return name === CPU ? quantityMilliValue(q) : quantityValue(q);
};

/** Adds (sign 1) or removes (sign -1) `b` into `a`. */
export const addResources = (a: Resources, b: Resources, sign: 1 | -1 = 1): void => {
  a.milliCPU += sign * b.milliCPU;
  a.memory += sign * b.memory;
  a.ephemeralStorage += sign * b.ephemeralStorage;
  a.allowedPodNumber += sign * b.allowedPodNumber;
  for (const [name, value] of b.scalar) a.scalar.set(name, (a.scalar.get(name) ?? 0) + sign * value);
};

const maxResources = (a: Resources, b: Resources): void => {
  a.milliCPU = Math.max(a.milliCPU, b.milliCPU);
  a.memory = Math.max(a.memory, b.memory);
  a.ephemeralStorage = Math.max(a.ephemeralStorage, b.ephemeralStorage);
  for (const [name, value] of b.scalar) a.scalar.set(name, Math.max(a.scalar.get(name) ?? 0, value));
};

/** A ResourceList (`{cpu: '500m', memory: '1Gi'}`) as Resources. */
export const resourcesOf = (list: ResourceList): Resources => {
  const r = emptyResources();
  for (const [name, value] of Object.entries(list ?? {})) {
    const v = amount(name, value);
    if (name === CPU) r.milliCPU = v;
    else if (name === MEMORY) r.memory = v;
    else if (name === EPHEMERAL_STORAGE) r.ephemeralStorage = v;
    else if (name === PODS) r.allowedPodNumber = v;
    else r.scalar.set(name, v);
  }
  return r;
};

const withDefaults = (list: ResourceList): Resources => {
  const r = resourcesOf(list);
  if (!list || list[CPU] === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
  if (!list || list[MEMORY] === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
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
  const of = nonZero ? withDefaults : resourcesOf;
  const spec = pod.spec;
  const reqs = emptyResources();
  for (const c of spec?.containers ?? []) addResources(reqs, of(c.resources?.requests));
  const sidecars = emptyResources();
  const initMax = emptyResources();
  for (const c of spec?.initContainers ?? []) {
    const own = of(c.resources?.requests);
    if (c.restartPolicy === 'Always') {
      addResources(reqs, own);
      addResources(sidecars, own);
      maxResources(initMax, sidecars);
    } else {
      addResources(own, sidecars);
      maxResources(initMax, own);
    }
  }
  maxResources(reqs, initMax);
  if (spec?.overhead) addResources(reqs, resourcesOf(spec.overhead));
  return reqs;
};

/** The node's allocatable (capacity when allocatable is absent), pods included. */
export const nodeAllocatable = (node: Node): Resources =>
  resourcesOf((node.status?.allocatable ?? node.status?.capacity) as ResourceList);
