// Registers the Node, as kubelet's tryRegisterWithAPIServer: create it; when it already exists
// (an agent restart, or a re-join), keep it and bring its labels up to date.
import { isStatus } from '../util/status-code';
import { NodeApi } from './node-api';
import { Node } from './node-object';

export const registerNode =
  (deps: Pick<NodeApi, 'createNode' | 'getNode' | 'patchNode'>) =>
  async (node: Node): Promise<{ node: Node; created: boolean }> => {
    try {
      return { node: await deps.createNode(node), created: true };
    } catch (e) {
      if (!isStatus(e, 409)) throw e;
    }
    const name = node.metadata.name!;
    const existing = await deps.getNode(name);
    const wanted = node.metadata.labels ?? {};
    const stale = Object.entries(wanted).some(([k, v]) => existing.metadata.labels?.[k] !== v);
    if (!stale) return { node: existing, created: false };
    return { node: await deps.patchNode(name, { metadata: { labels: wanted } }), created: false };
  };
