// DefaultBinder: writes the decision as a POST of a v1 Binding to the pod's binding subresource,
// with the pod's UID as precondition, as kube's DefaultBinder.
import type { Pod } from '@kubenest/api/core/types';
import { resources } from '@kubenest/client/resources';
import type { BindPlugin, PluginFactory } from '../../framework/plugin';
import { errorStatus, success } from '../../framework/status';

export const DEFAULT_BINDER = 'DefaultBinder';

export const defaultBinder: PluginFactory = (_args, handle): BindPlugin => ({
  name: DEFAULT_BINDER,
  bind: async (_state, pod: Pod, nodeName: string) => {
    const { namespace, name, uid } = pod.metadata;
    try {
      await handle.client.resource(resources.pods).createSubresource(namespace, name!, 'binding', {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { namespace, name, uid },
        target: { kind: 'Node', name: nodeName },
      });
      return success();
    } catch (error) {
      return errorStatus(error as Error);
    }
  },
});
