// Whether a cluster event may help a pod some plugins rejected, as kube-scheduler's
// isPodWorthRequeuing: one of the rejecting plugins registered the event and its hint (if any)
// says Queue; a pod no plugin rejected (an error) is worth trying after any event.
import type { ClusterEvent, ClusterEventWithHint } from '../framework';
import type { KubeObject } from '@kubenest/apimachinery';
import type { Pod } from '@kubenest/api/core/types';

/**
 * A registration for Pod covers every pod, bound ones (AssignedPod) included, as kube's
 * EventResource.match; one for Update matches the finer node and pod update kinds.
 */
export const eventMatches = (registered: ClusterEvent, event: ClusterEvent): boolean =>
  (registered.resource === event.resource || (registered.resource === 'Pod' && event.resource === 'AssignedPod')) &&
  (registered.action === event.action || (registered.action === 'Update' && event.action.startsWith('Update')));

/** The events each plugin registered, by plugin name; a plugin absent registered everything. */
export type PluginEvents = ReadonlyMap<string, readonly ClusterEventWithHint[] | undefined>;

export const isWorthRequeuing = (
  pod: Pod,
  rejectors: ReadonlySet<string>,
  pluginEvents: PluginEvents,
  event: ClusterEvent,
  oldObj: KubeObject | undefined,
  newObj: KubeObject | undefined,
): boolean => {
  if (rejectors.size === 0) return true;
  for (const plugin of rejectors) {
    const registered = pluginEvents.get(plugin);
    if (!registered) return true;
    for (const { event: want, hint } of registered) {
      if (!eventMatches(want, event)) continue;
      if (!hint) return true;
      try {
        if (hint(pod, oldObj, newObj) === 'Queue') return true;
      } catch {
        // As kube: a hint that fails counts as Queue, so a bug never strands a pod.
        return true;
      }
    }
  }
  return false;
};
