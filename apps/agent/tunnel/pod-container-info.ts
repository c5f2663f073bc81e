// A container's working directory and literal environment values, read from its pod through the
// API, for exec in the host-process runtime (values from ConfigMaps, Secrets and fields are the
// runtime's to resolve, so they are left out here).
import { ApiClient } from '../client/api-client';
import { ContainerProcessInfo } from './host-pod-streams';
import { PodRef } from '@kubenest/node-protocol';

interface PodView {
  spec?: { containers?: ContainerView[]; initContainers?: ContainerView[] };
}
interface ContainerView {
  name: string;
  workingDir?: string;
  env?: { name: string; value?: string }[];
}

export const podContainerInfo =
  (client: ApiClient) =>
  async (pod: PodRef, container: string): Promise<ContainerProcessInfo> => {
    const path = `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}`;
    const view = await client.request<PodView>({ method: 'GET', path });
    const spec = [...(view.spec?.containers ?? []), ...(view.spec?.initContainers ?? [])].find(
      (c) => c.name === container,
    );
    const env = Object.fromEntries(
      (spec?.env ?? []).flatMap((e) => (e.value === undefined ? [] : [[e.name, e.value]])),
    );
    return { workingDir: spec?.workingDir, env };
  };
