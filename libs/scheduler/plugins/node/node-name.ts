// NodeName: a pod that names its node (spec.nodeName) fits only there.
import type { Node } from '@kubenest/api/core/types';
import type { FilterPlugin, PluginFactory } from '../../framework';
import { success, unresolvable } from '../../framework/status';

export const NODE_NAME = 'NodeName';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const newNodeName: PluginFactory = (): FilterPlugin => ({
  name: NODE_NAME,
  signPod: (pod) => pod.spec?.nodeName ?? '',
  filter: (_state, pod, nodeInfo) => {
    const wanted = pod.spec?.nodeName;
    return !wanted || wanted === nodeInfo.name ? success() : unresolvable(ERR_REASON_NODE_NAME);
  },
  eventsToRegister: () => [
    {
      event: { resource: 'Node', action: 'Add' },
      hint: (pod, _old, added) =>
        !pod.spec?.nodeName || pod.spec.nodeName === (added as Node | undefined)?.metadata.name ? 'Queue' : 'Skip',
    },
  ],
});
