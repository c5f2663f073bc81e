// DefaultPreemptionArgs (kubescheduler.config.k8s.io/v1): how many nodes preemption dry-runs
// before it settles, defaulted and validated as kube-scheduler does.
import { FieldError, invalid } from '@kubenest/apimachinery';

export interface DefaultPreemptionArgs {
  /** At least this share of the potential nodes (0..100) is tried, when more than the absolute minimum. */
  minCandidateNodesPercentage: number;
  /** At least this many potential nodes are tried (all of them when there are fewer). */
  minCandidateNodesAbsolute: number;
}

export const DEFAULT_PREEMPTION_ARGS: Readonly<DefaultPreemptionArgs> = {
  minCandidateNodesPercentage: 10,
  minCandidateNodesAbsolute: 100,
};

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

const validate = (percentage: unknown, absolute: unknown): FieldError[] => {
  const errors: FieldError[] = [];
  const P = 'minCandidateNodesPercentage';
  const A = 'minCandidateNodesAbsolute';
  if (!isInt(percentage) || percentage < 0 || percentage > 100)
    errors.push(invalid(P, percentage, 'not in valid range [0, 100]'));
  if (!isInt(absolute) || absolute < 0) errors.push(invalid(A, absolute, 'not in valid range [0, inf)'));
  if (percentage === 0 && absolute === 0)
    errors.push(
      invalid(P, percentage, `cannot be zero at the same time as ${A}`),
      invalid(A, absolute, `cannot be zero at the same time as ${P}`),
    );
  return errors;
};

/** The args with kube's defaults filled in; throws with kube's field messages when they are invalid. */
export const defaultPreemptionArgs = (raw: Record<string, unknown> | undefined): DefaultPreemptionArgs => {
  const percentage = raw?.minCandidateNodesPercentage ?? DEFAULT_PREEMPTION_ARGS.minCandidateNodesPercentage;
  const absolute = raw?.minCandidateNodesAbsolute ?? DEFAULT_PREEMPTION_ARGS.minCandidateNodesAbsolute;
  const errors = validate(percentage, absolute).map((e) => `${e.field}: ${e.message}`);
  // As an aggregate of errors prints: one alone as it is, several in brackets.
  if (errors.length === 1) throw new Error(errors[0]);
  if (errors.length) throw new Error(`[${errors.join(', ')}]`);
  return { minCandidateNodesPercentage: percentage as number, minCandidateNodesAbsolute: absolute as number };
};

/** How many candidates the dry run looks for among numNodes potential nodes, as kube's calculateNumCandidates. */
export const numCandidates = (args: DefaultPreemptionArgs, numNodes: number): number => {
  const share = Math.floor((numNodes * args.minCandidateNodesPercentage) / 100);
  return Math.min(Math.max(share, args.minCandidateNodesAbsolute), numNodes);
};
