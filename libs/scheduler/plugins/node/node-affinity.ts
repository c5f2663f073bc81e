// NodeAffinity: a pod goes only to nodes matching its nodeSelector and its required node
// affinity (and the affinity the profile enforces, args.addedAffinity), and prefers nodes
// matching its preferred terms by the sum of their weights. A required term that names nodes by
// metadata.name narrows filtering to those nodes before any is looked at.
import type { Node, Pod } from '@kubenest/api/core/types';
import type {
  FilterPlugin,
  PluginFactory,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  QueueingHintFn,
  ScorePlugin,
  Status,
} from '../../framework';
import { errorStatus, skip, success, unresolvable } from '../../framework/status';
import {
  NodeAffinity,
  NodeMatcher,
  nodeSelectorErrors,
  NodeSelectorTerm,
  nodeSelectorMatcher,
  OBJECT_NAME_FIELD,
  PreferredTermsScorer,
  preferredTermsScorer,
  requiredNodeAffinity,
} from '../../framework/node-affinity';
import { CycleValue } from './cycle-value';
import { defaultNormalizeScore } from './normalize-score';
import { nodeAffinitySignature } from './pod-signature';

export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const PRE_FILTER_KEY = `PreFilter${NODE_AFFINITY}`;
const PRE_SCORE_KEY = `PreScore${NODE_AFFINITY}`;

export interface NodeAffinityArgs {
  addedAffinity?: NodeAffinity;
}

/**
 * The nodes a pod's required terms name by metadata.name: undefined when some term names none
 * (terms are ORed, so any node may do), empty when every term's names cancel out.
 */
const namedNodes = (terms: readonly NodeSelectorTerm[]): Set<string> | undefined => {
  const union = new Set<string>();
  for (const term of terms) {
    let names: Set<string> | undefined;
    for (const f of term.matchFields ?? []) {
      if (f.key !== OBJECT_NAME_FIELD || f.operator !== 'In') continue;
      const values = new Set(f.values ?? []);
      names = names ? new Set([...names].filter((n) => values.has(n))) : values;
    }
    if (!names) return undefined;
    for (const n of names) union.add(n);
  }
  return union;
};

const hasRequiredTerms = (pod: Pod): boolean =>
  Boolean(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution);

type NodeAffinityPlugin = PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;

export const newNodeAffinity: PluginFactory = (rawArgs) => {
  const args = (rawArgs ?? {}) as NodeAffinityArgs;
  const addedRequired = args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const addedPreferred = args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  const addedScorer = addedPreferred?.length ? preferredTermsScorer(addedPreferred) : undefined;
  const argErrors = [
    ...(addedRequired ? nodeSelectorErrors(addedRequired) : []).map(
      (e) => `requiredDuringSchedulingIgnoredDuringExecution.${e}`,
    ),
    ...(addedScorer?.errors ?? []).map((e) => `preferredDuringSchedulingIgnoredDuringExecution${e}`),
  ];
  if (argErrors.length) throw new Error(`${NODE_AFFINITY}: addedAffinity.${argErrors.join(', ')}`);
  const enforced: NodeMatcher | undefined = addedRequired ? nodeSelectorMatcher(addedRequired) : undefined;

  /** The pod's preferred terms plus the profile's; undefined when there are neither. */
  const podScorer = (pod: Pod): PreferredTermsScorer | undefined => {
    const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    const own = preferred ? preferredTermsScorer(preferred) : undefined;
    if (!own || !addedScorer) return own ?? addedScorer;
    return { score: (node) => own.score(node) + addedScorer.score(node), errors: own.errors };
  };

  /** A new or relabelled node helps when it now matches and did not before. */
  const schedulableAfterNodeChange: QueueingHintFn = (pod, oldObj, newObj) => {
    const node = newObj as Node | undefined;
    if (!node || (enforced && !enforced(node))) return 'Skip';
    const required = requiredNodeAffinity(pod);
    if (!required(node)) return 'Skip';
    const old = oldObj as Node | undefined;
    return !old || !required(old) || (enforced !== undefined && !enforced(old)) ? 'Queue' : 'Skip';
  };

  const plugin: NodeAffinityPlugin = {
    name: NODE_AFFINITY,
    signPod: nodeAffinitySignature,
    preFilter: (state, pod): { status: Status; result?: PreFilterResult } => {
      if (!hasRequiredTerms(pod) && !enforced && !pod.spec?.nodeSelector) return { status: skip() };
      state.write(PRE_FILTER_KEY, new CycleValue(requiredNodeAffinity(pod)));
      const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
      if (!terms?.length) return { status: success() };
      const names = namedNodes(terms);
      if (!names) return { status: success() };
      if (names.size === 0) return { status: unresolvable(ERR_REASON_CONFLICT) };
      return { status: success(), result: { nodeNames: names } };
    },
    filter: (state, pod, nodeInfo) => {
      const node = nodeInfo.node;
      if (!node) return unresolvable(ERR_REASON_POD);
      if (enforced && !enforced(node)) return unresolvable(ERR_REASON_ENFORCED);
      const required = state.read<CycleValue<NodeMatcher>>(PRE_FILTER_KEY)?.value ?? requiredNodeAffinity(pod);
      return required(node) ? success() : unresolvable(ERR_REASON_POD);
    },
    preScore: (state, pod) => {
      const scorer = podScorer(pod);
      if (!scorer) return skip();
      if (scorer.errors.length) return errorStatus(scorer.errors.join(', '));
      state.write(PRE_SCORE_KEY, new CycleValue(scorer));
      return success();
    },
    score: (state, pod, nodeInfo) => {
      const scorer = state.read<CycleValue<PreferredTermsScorer>>(PRE_SCORE_KEY)?.value ?? podScorer(pod);
      return scorer && nodeInfo.node ? scorer.score(nodeInfo.node) : 0;
    },
    normalizeScore: (_state, _pod, scores) => defaultNormalizeScore(scores, false),
    eventsToRegister: () => [
      { event: { resource: 'Node', action: 'Add' }, hint: schedulableAfterNodeChange },
      { event: { resource: 'Node', action: 'UpdateNodeLabel' }, hint: schedulableAfterNodeChange },
    ],
  };
  return plugin;
};
