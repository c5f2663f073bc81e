// SchedulingGates: a pod with spec.schedulingGates waits outside the active queue until they are
// all removed, with kube's message.
import type { Pod } from '@kubenest/api/core/types';
import type { PluginFactory, PreEnqueuePlugin } from '../../framework/plugin';
import { pending, success } from '../../framework/status';

export const SCHEDULING_GATES = 'SchedulingGates';

export const schedulingGates: PluginFactory = (): PreEnqueuePlugin => ({
  name: SCHEDULING_GATES,
  preEnqueue: (pod: Pod) => {
    const gates = pod.spec?.schedulingGates ?? [];
    if (!gates.length) return success();
    return pending(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
  },
  eventsToRegister: () => [{ event: { resource: 'Pod', action: 'Update' } }],
});
