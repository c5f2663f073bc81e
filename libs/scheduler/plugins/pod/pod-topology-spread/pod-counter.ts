// Matching pods per node for a (namespace, selector), memoised by node generation: the pods of
// one controller share both, so after the first cycle each cycle counts only the nodes that
// changed instead of every pod in the cluster.
import type { NodeInfo } from '../../../framework';
import type { LabelSelector } from '@kubenest/apimachinery/selectors';
import { NodeMemo } from '../shared/node-memo';
import { selectorSignature } from '../shared/signature';
import { countMatching } from './constraints';

export type NodePodCount = (info: NodeInfo) => number;

export class PodCounter {
  private readonly memo = new NodeMemo<number>();

  forSelector(namespace: string, selector: LabelSelector): NodePodCount {
    const get = this.memo.forKey(`${namespace}\0${selectorSignature(selector)}`);
    const count = (info: NodeInfo): number => countMatching(info.pods, selector, namespace);
    return (info) => get(info, count);
  }
}
