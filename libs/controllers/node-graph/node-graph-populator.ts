// Keeps the Node authorizer's graph from a pod informer, as kube's graph_populator does: every pod
// added or changed replaces its edges, a deleted one loses them. Every apiserver keeps its own.
import type { Pod } from '@kubenest/api/core/types';
import { NodeGraph } from '@kubenest/auth';
import { SharedInformer } from '../informer';

export interface NodeGraphPopulatorDeps {
  pods: SharedInformer<Pod>;
  graph: NodeGraph;
}

/** Feeds the graph until the returned handle is removed. */
export const startNodeGraphPopulator = ({ pods, graph }: NodeGraphPopulatorDeps): { remove(): void } =>
  pods.addEventHandler({
    add: (pod) => graph.setPod(pod),
    update: (_old, pod) => graph.setPod(pod),
    delete: (pod) => graph.deletePod(pod.metadata.namespace ?? '', pod.metadata.name ?? ''),
  });
