// The ways NodeResourcesFit and NodeResourcesBalancedAllocation turn allocation into a score, as
// kube's scorers: per resource a score weighted by the resource's weight (integer arithmetic as
// there), resources the node does not have left out.
import { MAX_NODE_SCORE } from '../../framework/plugin';
import type { AllocationScorer, ResourceSpec } from './resource-allocation';

export interface UtilizationShapePoint {
  /** Percent used, 0..100. */
  utilization: number;
  /** 0..10 (kube's MaxCustomPriorityScore), scaled to 0..100. */
  score: number;
}

const MAX_CUSTOM_PRIORITY_SCORE = 10;
const MAX_UTILIZATION = 100;

const weighted =
  (
    resources: readonly ResourceSpec[],
    perResource: (requested: number, capacity: number) => number,
  ): AllocationScorer =>
  (requested, allocatable) => {
    let score = 0;
    let weights = 0;
    requested.forEach((req, i) => {
      if (allocatable[i] === 0) return;
      score += perResource(req, allocatable[i]) * resources[i].weight;
      weights += resources[i].weight;
    });
    return weights === 0 ? 0 : Math.trunc(score / weights);
  };

/** Prefers the emptier node: the free share of each resource. */
export const leastAllocated = (resources: readonly ResourceSpec[]): AllocationScorer =>
  weighted(resources, (requested, capacity) =>
    requested > capacity ? 0 : Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity),
  );

/** Prefers the fuller node (bin packing): the used share of each resource, capped at full. */
export const mostAllocated = (resources: readonly ResourceSpec[]): AllocationScorer =>
  weighted(resources, (requested, capacity) => Math.trunc((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity));

/** The score a broken-line function of utilization gives, as helper.BuildBrokenLinearFunction. */
const brokenLinear =
  (shape: readonly UtilizationShapePoint[]) =>
  (utilization: number): number => {
    for (let i = 0; i < shape.length; i++) {
      if (utilization > shape[i].utilization) continue;
      if (i === 0) return shape[0].score;
      const [a, b] = [shape[i - 1], shape[i]];
      return (
        a.score + Math.trunc(((b.score - a.score) * (utilization - a.utilization)) / (b.utilization - a.utilization))
      );
    }
    return shape[shape.length - 1].score;
  };

/**
 * Scores each resource by the shape at its utilization; resources scoring 0 are left out of the
 * average, which is rounded (not truncated) as kube does.
 */
export const requestedToCapacityRatio = (
  resources: readonly ResourceSpec[],
  shape: readonly UtilizationShapePoint[],
): AllocationScorer => {
  const scaled = shape.map((p) => ({
    utilization: p.utilization,
    score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE),
  }));
  const f = brokenLinear(scaled);
  const perResource = (requested: number, capacity: number): number =>
    capacity === 0 || requested > capacity
      ? f(MAX_UTILIZATION)
      : f(Math.trunc((requested * MAX_UTILIZATION) / capacity));
  return (requested, allocatable) => {
    let score = 0;
    let weights = 0;
    requested.forEach((req, i) => {
      if (allocatable[i] === 0) return;
      const s = perResource(req, allocatable[i]);
      if (s <= 0) return;
      score += s * resources[i].weight;
      weights += resources[i].weight;
    });
    return weights === 0 ? 0 : Math.round(score / weights);
  };
};

/**
 * Prefers the node whose resources would be used in the most even shares: 100 × (1 − the
 * standard deviation of the used fractions, each capped at 1); with two resources that is half
 * their difference.
 */
export const balancedAllocation: AllocationScorer = (requested, allocatable) => {
  const fractions: number[] = [];
  requested.forEach((req, i) => {
    if (allocatable[i] !== 0) fractions.push(Math.min(req / allocatable[i], 1));
  });
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((sum, f) => sum + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
};
