// NodeResourcesFitArgs (kubescheduler.config.k8s.io/v1) defaulted and checked as kube-scheduler
// does at start-up: LeastAllocated over cpu and memory unless told otherwise, weights 1..100
// (0 or unset means 1), a RequestedToCapacityRatio shape of points with utilization 0..100 in
// increasing order and scores 0..10. A bad value stops the profile from being built.
import { DEFAULT_SCORED_RESOURCES, ResourceAllocation, ResourceSpec, withDefaultWeights } from './resource-allocation';
import { leastAllocated, mostAllocated, requestedToCapacityRatio, UtilizationShapePoint } from './scoring-strategies';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: {
    type?: ScoringStrategyType;
    resources?: Array<Partial<ResourceSpec> & { name: string }>;
    requestedToCapacityRatio?: { shape?: UtilizationShapePoint[] };
  };
}

const MAX_RESOURCE_WEIGHT = 100;

const invalid = (path: string, value: unknown, detail: string): string =>
  `scoringStrategy.${path}: Invalid value: ${JSON.stringify(value)}: ${detail}`;

const resourceErrors = (resources: readonly ResourceSpec[]): string[] =>
  resources.flatMap((r, i) =>
    r.weight < 1 || r.weight > MAX_RESOURCE_WEIGHT
      ? [invalid(`resources[${i}].weight`, r.weight, `resource weight of ${r.name} not in valid range [1, 100]`)]
      : [],
  );

const shapeErrors = (shape: readonly UtilizationShapePoint[] | undefined): string[] => {
  const path = 'requestedToCapacityRatio.shape';
  if (!shape?.length) return [`scoringStrategy.${path}: Required value: at least one point must be specified`];
  return shape.flatMap((p, i) => [
    ...(p.utilization < 0 || p.utilization > 100
      ? [invalid(`${path}[${i}].utilization`, p.utilization, 'not in valid range [0, 100]')]
      : []),
    ...(i > 0 && p.utilization <= shape[i - 1].utilization
      ? [invalid(`${path}[${i}].utilization`, p.utilization, 'utilization values must be sorted in increasing order')]
      : []),
    ...(p.score < 0 || p.score > 10 ? [invalid(`${path}[${i}].score`, p.score, 'not in valid range [0, 10]')] : []),
  ]);
};

/** The scoring the args ask for; throws naming every bad value. */
export const scoringAllocation = (args: NodeResourcesFitArgs): ResourceAllocation => {
  const strategy = args.scoringStrategy;
  const resources = withDefaultWeights(strategy?.resources?.length ? strategy.resources : DEFAULT_SCORED_RESOURCES);
  const type = strategy?.type ?? 'LeastAllocated';
  const shape = strategy?.requestedToCapacityRatio?.shape;
  const errors = [...resourceErrors(resources), ...(type === 'RequestedToCapacityRatio' ? shapeErrors(shape) : [])];
  if (!['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'].includes(type))
    errors.push(`scoringStrategy.type: Unsupported value: ${JSON.stringify(type)}`);
  if (errors.length) throw new Error(`${NODE_RESOURCES_FIT}: ${errors.join(', ')}`);
  const scorer =
    type === 'LeastAllocated'
      ? leastAllocated(resources)
      : type === 'MostAllocated'
        ? mostAllocated(resources)
        : requestedToCapacityRatio(resources, shape ?? []);
  return { resources, useRequested: false, scorer };
};
