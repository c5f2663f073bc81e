// Keeps the Node authorizer's graph from the pods' watch cache, as kube's graph_populator does
// from the pod informer: every pod added or changed replaces its edges, a deleted one loses them.
import type { Pod } from '@kubenest/api/core/types';
import { NodeGraph } from '@kubenest/auth';
import { ResourceEntry } from '@kubenest/registry';
import { Informer, startInformer } from '../informer';

export interface NodeGraphPopulatorDeps {
  /** The pods store and cache. */
  pods: ResourceEntry;
  graph: NodeGraph;
}

export const startNodeGraphPopulator = ({ pods, graph }: NodeGraphPopulatorDeps): Informer =>
  startInformer(pods.cache, (type, obj) => {
    if (type === 'DELETED') graph.deletePod(obj.metadata.namespace ?? '', obj.metadata.name ?? '');
    else graph.setPod(obj as Pod);
  });
