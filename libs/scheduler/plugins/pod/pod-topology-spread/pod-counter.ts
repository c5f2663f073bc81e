// Matching pods per node for a (namespace, selector), memoised by node generation: the pods of
// one controller share both, so after the first cycle each cycle counts only the nodes that
// changed instead of every pod in the cluster.
import type { LabelSelector } from '@kubenest/apimachinery/selectors';
import type { NodeInfo } from '../../../framework';
import { NodeMemo } from '../shared/node-memo';
import { selectorSignature } from '../shared/signature';
import { countMatching } from './constraints';

export type NodePodCount = (info: NodeInfo) => number;

const memoKey = (namespace: string, selector: LabelSelector): string => `${namespace}\0${selectorSignature(selector)}`;

export class PodCounter {
  private readonly memo = new NodeMemo<number>();

  /** A counter for single nodes. */
  forSelector(namespace: string, selector: LabelSelector): NodePodCount {
    const get = this.memo.forKey(memoKey(namespace, selector));
    const count = (info: NodeInfo): number => countMatching(info.pods, selector, namespace);
    return (info) => get(info, count);
  }

  /** The count on each of a run of nodes (the snapshot's, in its order). */
  forEachNode(
    namespace: string,
    selector: LabelSelector,
    nodes: readonly NodeInfo[],
    visit: (count: number, info: NodeInfo) => void,
  ): void {
    const count = (info: NodeInfo): number => countMatching(info.pods, selector, namespace);
    this.memo.forEach(memoKey(namespace, selector), nodes, count, visit);
  }
}
