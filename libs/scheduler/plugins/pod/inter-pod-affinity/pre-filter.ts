// InterPodAffinity's pre-filter: the pod counts its filter checks, from the snapshot. Only nodes
// holding pods with required anti-affinity are visited for the existing pods' terms, and all
// nodes only when the incoming pod has required terms of its own, as kube does; per-node results
// are memoised by node generation, so a cycle redoes only the nodes that changed.
import type { Snapshot } from '../../../framework';
import { NodeMemo } from '../shared/node-memo';
import { termSignature } from '../shared/signature';
import { NO_PAIRS, Pairs, TopologyCounts } from '../shared/topology-pair';
import { existingTermsKey, type IncomingPod } from './incoming-pod';
import { existingAntiAffinityPairs, incomingTermPairs, InterPodAffinityState } from './pre-filter-state';

interface IncomingPairs {
  affinity: Pairs;
  antiAffinity: Pairs;
}

export class InterPodAffinityCounter {
  private readonly existingMemo = new NodeMemo<Pairs>();
  private readonly incomingMemo = new NodeMemo<IncomingPairs>();

  count(incoming: IncomingPod, snapshot: Snapshot): InterPodAffinityState {
    const existing: Pairs[] = [];
    this.existingMemo.forEach(
      existingTermsKey(incoming),
      snapshot.havePodsWithRequiredAntiAffinity,
      (info) =>
        info.node ? existingAntiAffinityPairs(incoming, info.podsWithRequiredAntiAffinity, info.node) : NO_PAIRS,
      (pairs) => pairs.length && existing.push(pairs),
    );

    const affinity: Pairs[] = [];
    const antiAffinity: Pairs[] = [];
    const { requiredAffinityTerms, requiredAntiAffinityTerms } = incoming.info;
    if (requiredAffinityTerms.length || requiredAntiAffinityTerms.length) {
      const incomingKey = [
        requiredAffinityTerms.map(termSignature).join('\0'),
        requiredAntiAffinityTerms.map(termSignature).join('\0'),
      ].join('\0\0');
      this.incomingMemo.forEach(
        incomingKey,
        snapshot.nodeInfos,
        (info) =>
          info.node
            ? incomingTermPairs(incoming, info.pods, info.node)
            : { affinity: NO_PAIRS, antiAffinity: NO_PAIRS },
        (pairs) => {
          if (pairs.affinity.length) affinity.push(pairs.affinity);
          if (pairs.antiAffinity.length) antiAffinity.push(pairs.antiAffinity);
        },
      );
    }
    return new InterPodAffinityState(
      incoming,
      TopologyCounts.sum(existing),
      TopologyCounts.sum(affinity),
      TopologyCounts.sum(antiAffinity),
    );
  }
}
