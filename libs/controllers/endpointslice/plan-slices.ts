// Which slices to create, update and delete so that a Service's slices of one address type hold
// the desired endpoints with little churn, as kube's endpointslice reconciler does in small: an
// endpoint stays in the slice holding it (updated there when it changed), slices losing endpoints
// or changing labels are updated, the new endpoints fill the slices being updated, then (if they
// fit whole) the unchanged slice they fill best, before new slices are made; a slice left empty is
// deleted, and a Service with no endpoints keeps one empty placeholder slice.
import { isDeepStrictEqual } from 'node:util';
import type { EndpointSlice, SliceEndpoint } from '@kubenest/api/discovery-k8s-io';
import type { AddressType, EndpointGroup } from './desired-endpoints';
import { portSetKey } from './desired-endpoints';

export interface SlicePlan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

export interface PlanInput {
  addressType: AddressType;
  desired: Map<string, EndpointGroup>;
  /** The Service's slices of this address type. */
  existing: EndpointSlice[];
  maxEndpointsPerSlice: number;
  /** A new slice of the Service (metadata: generateName, labels, ownerReference), with no endpoints yet. */
  newSlice(group: Pick<EndpointGroup, 'ports'>): EndpointSlice;
  /** The labels the Service's slices carry. */
  labels: Record<string, string>;
}

const addressKey = (ep: SliceEndpoint): string => ep.addresses?.[0] ?? '';

/** The slice left with the least room once `count` endpoints join it (kube's getSliceToFill). */
const closestFit = (slices: EndpointSlice[], count: number, max: number): EndpointSlice | undefined => {
  let best: EndpointSlice | undefined;
  for (const slice of slices) {
    const room = max - (slice.endpoints.length + count);
    if (room >= 0 && (!best || room < max - (best.endpoints.length + count))) best = slice;
  }
  return best;
};

export const planSlices = (input: PlanInput): SlicePlan => {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const max = input.maxEndpointsPerSlice;
  const keys = new Set([...input.desired.keys(), ...input.existing.map((s) => portSetKey(s.ports))]);
  let kept = 0;
  for (const key of keys) {
    const group = input.desired.get(key);
    const remaining = new Map(group?.endpoints ?? []);
    const updating: EndpointSlice[] = [];
    const unchanged: EndpointSlice[] = [];
    for (const slice of input.existing.filter((s) => portSetKey(s.ports) === key)) {
      const endpoints: SliceEndpoint[] = [];
      let changed = !isDeepStrictEqual(slice.metadata.labels ?? {}, input.labels);
      for (const ep of slice.endpoints ?? []) {
        const wanted = remaining.get(addressKey(ep));
        if (!wanted) {
          changed = true;
          continue;
        }
        if (!isDeepStrictEqual(ep, wanted)) changed = true;
        endpoints.push(wanted);
        remaining.delete(addressKey(ep));
      }
      if (endpoints.length === 0) plan.delete.push(slice);
      else if (changed) updating.push({ ...slice, metadata: { ...slice.metadata, labels: input.labels }, endpoints });
      else unchanged.push(slice);
    }
    const leftover = [...remaining.values()];
    for (const slice of updating)
      while (leftover.length && slice.endpoints.length < max) slice.endpoints.push(leftover.shift()!);
    while (leftover.length && group) {
      // What is left fits whole into an unchanged slice: the fullest that still has room for it.
      const fit = leftover.length < max ? closestFit(unchanged, leftover.length, max) : undefined;
      if (fit) {
        unchanged.splice(unchanged.indexOf(fit), 1);
        updating.push({ ...fit, endpoints: [...fit.endpoints, ...leftover.splice(0)] });
        continue;
      }
      const slice = input.newSlice(group);
      slice.endpoints = leftover.splice(0, max);
      plan.create.push(slice);
    }
    plan.update.push(...updating);
    kept += unchanged.length;
  }
  if (kept + plan.update.length + plan.create.length === 0) {
    const placeholder = plan.delete.find((s) => !(s.ports ?? []).length);
    if (placeholder) plan.delete = plan.delete.filter((s) => s !== placeholder);
    else plan.create.push(input.newSlice({ ports: [] }));
  }
  return plan;
};
