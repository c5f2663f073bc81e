// Which container of a pod a log or exec request addresses, with kube-apiserver's answers when
// none or a wrong one is named, and whether it is still waiting to start.
import { StatusError } from '@kubenest/apimachinery';
import type { Pod } from '@kubenest/api/core/types';

const names = (list: { name: string }[] | undefined): string[] => (list ?? []).map((c) => c.name);

/** The requested container, or the only one; Go prints a []string as [a b]. */
export const containerOf = (pod: Pod, requested: string | undefined): string => {
  const name = pod.metadata?.name ?? '';
  const containers = names(pod.spec?.containers);
  const init = names(pod.spec?.initContainers);
  const ephemeral = names(pod.spec?.ephemeralContainers);
  if (requested) {
    if ([...containers, ...init, ...ephemeral].includes(requested)) return requested;
    throw StatusError.badRequest(`container ${requested} is not valid for pod ${name}`);
  }
  if (containers.length === 1) return containers[0];
  if (containers.length === 0) throw StatusError.badRequest(`a container name must be specified for pod ${name}`);
  const initPart = init.length > 0 ? ` or one of the init containers: [${init.join(' ')}]` : '';
  throw StatusError.badRequest(
    `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${initPart}`,
  );
};

/** The waiting reason the pod's status reports for the container, as kubelet words its refusal. */
export const waitingToStart = (pod: Pod, container: string): StatusError | undefined => {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const status = statuses.find((s) => s.name === container);
  const waiting = status?.state?.waiting;
  // A container that ran before has a log even while it waits to restart.
  if (!waiting || (status?.restartCount ?? 0) > 0 || status?.lastState?.terminated) return undefined;
  return StatusError.badRequest(
    `container "${container}" in pod "${pod.metadata?.name}" is waiting to start: ${waiting.reason ?? 'ContainerCreating'}`,
  );
};
