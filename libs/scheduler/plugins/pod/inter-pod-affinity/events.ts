// The cluster events after which a pod InterPodAffinity turned down may fit, with hints that
// let through only the changes that can help it, as kube's isSchedulableAfterPodChange and
// isSchedulableAfterNodeChange.
import type { Namespace, Node, Pod } from '@kubenest/api/core/types';
import type { Lister } from '@kubenest/controllers';
import { termMatches } from '../../../framework/affinity-term';
import type { ClusterEventWithHint, QueueingHint, QueueingHintFn } from '../../../framework/cluster-event';
import { newPodInfo } from '../../../framework/pod-info';
import { nodeLabel } from '../shared/topology-pair';
import { incomingPod, matchesAllTerms } from './incoming-pod';

const queueIf = (yes: boolean): QueueingHint => (yes ? 'Queue' : 'Skip');

/**
 * An assigned pod that now matches the rejected pod's affinity, or no longer matches its
 * anti-affinity, or (deleted) matched it or held anti-affinity against it.
 */
export const podChangeHint =
  (namespaces: () => Lister<Namespace>): QueueingHintFn =>
  (pod, oldObj, newObj) => {
    const before = oldObj as Pod | undefined;
    const after = newObj as Pod | undefined;
    if ((after && !after.spec?.nodeName) || (before && !before.spec?.nodeName)) return 'Skip';
    const { info, namespaceLabels } = incomingPod(pod, namespaces());
    const affinity = info.requiredAffinityTerms;
    const antiAffinity = info.requiredAntiAffinityTerms;
    if (before && after)
      return queueIf(
        (!matchesAllTerms(affinity, before) && matchesAllTerms(affinity, after)) ||
          (matchesAllTerms(antiAffinity, before) && !matchesAllTerms(antiAffinity, after)),
      );
    if (after) return queueIf(matchesAllTerms(affinity, after));
    if (!before) return 'Skip';
    const deletedBlockedIt = newPodInfo(before).requiredAntiAffinityTerms.some((t) =>
      termMatches(t, pod, namespaceLabels),
    );
    return queueIf(deletedBlockedIt || antiAffinity.some((t) => termMatches(t, before, undefined)));
  };

/**
 * A node that joined or whose topology labels changed in a way that may help: an affinity key
 * gained or moved, an anti-affinity key lost or moved. A pod without terms of its own was turned
 * down by other pods' anti-affinity, which any new node or label change may get it out of.
 */
export const nodeChangeHint: QueueingHintFn = (pod, oldObj, newObj) => {
  const before = oldObj as Node | undefined;
  const after = newObj as Node | undefined;
  if (!after) return 'Skip';
  const { requiredAffinityTerms, requiredAntiAffinityTerms } = newPodInfo(pod);
  if (!requiredAffinityTerms.length && !requiredAntiAffinityTerms.length) return 'Queue';
  if (!before) return queueIf(requiredAffinityTerms.every((t) => nodeLabel(after, t.topologyKey) !== undefined));
  const changed = (key: string, gained: boolean): boolean => {
    const was = nodeLabel(before, key);
    const is = nodeLabel(after, key);
    return was !== undefined && is !== undefined ? was !== is : gained ? is !== undefined : was !== undefined;
  };
  return queueIf(
    requiredAffinityTerms.some((t) => changed(t.topologyKey, true)) ||
      requiredAntiAffinityTerms.some((t) => changed(t.topologyKey, false)),
  );
};

export const interPodAffinityEvents = (namespaces: () => Lister<Namespace>): ClusterEventWithHint[] => {
  const podHint = podChangeHint(namespaces);
  return [
    { event: { resource: 'AssignedPod', action: 'Add' }, hint: podHint },
    { event: { resource: 'AssignedPod', action: 'UpdatePodLabel' }, hint: podHint },
    { event: { resource: 'AssignedPod', action: 'Delete' }, hint: podHint },
    { event: { resource: 'Node', action: 'Add' }, hint: nodeChangeHint },
    { event: { resource: 'Node', action: 'UpdateNodeLabel' }, hint: nodeChangeHint },
  ];
};
