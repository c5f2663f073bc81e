// The subsets of a Service's Endpoints, as kube's endpoints controller computes them: each selected
// pod's address (ready, or not ready unless the Service publishes not-ready addresses) under the
// ports it resolves, addresses grouped by their port set (RepackSubsets), sorted, and at most 1000
// addresses in all (ready ones kept first).
import type { Endpoints, Pod, Service } from '@kubenest/api/core/types';
import { belongsInEndpoints, findPort, isPodReady } from './service-pods';

type Subset = NonNullable<Endpoints['subsets']>[number];
type Address = NonNullable<Subset['addresses']>[number];
type Port = NonNullable<Subset['ports']>[number];

/** kube's maxCapacity: the most addresses an Endpoints object carries. */
export const MAX_ENDPOINT_ADDRESSES = 1000;

export interface DesiredSubsets {
  subsets: Subset[];
  /** Addresses were dropped to stay within MAX_ENDPOINT_ADDRESSES. */
  truncated: boolean;
}

const addressOf = (pod: Pod): Address => ({
  ip: pod.status!.podIP!,
  ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
  targetRef: {
    kind: 'Pod',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name!,
    uid: pod.metadata.uid,
  },
});

/** The ports a pod serves the Service on; a port the pod cannot resolve is left out for it. */
const portsOf = (svc: Service, pod: Pod): Port[] =>
  (svc.spec?.ports ?? []).flatMap((sp) => {
    const port = findPort(pod, sp);
    if (port === undefined) return [];
    return [
      {
        ...(sp.name ? { name: sp.name } : {}),
        port,
        protocol: sp.protocol ?? 'TCP',
        ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
      },
    ];
  });

const byIp = (a: Address, b: Address): number => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);

/** Keeps ready addresses first, then not-ready ones, until `max` are kept. */
const truncate = (subsets: Subset[], max: number): Subset[] => {
  let room = max;
  const keep = (list: Address[] | undefined): Address[] => {
    const kept = (list ?? []).slice(0, Math.max(room, 0));
    room -= kept.length;
    return kept;
  };
  const ready = subsets.map((ss) => keep(ss.addresses));
  return subsets
    .map((ss, i) => ({ ...ss, addresses: ready[i], notReadyAddresses: keep(ss.notReadyAddresses) }))
    .filter((ss) => ss.addresses.length + ss.notReadyAddresses.length > 0)
    .map(({ addresses, notReadyAddresses, ports }) => ({
      ...(addresses.length ? { addresses } : {}),
      ...(notReadyAddresses.length ? { notReadyAddresses } : {}),
      ...(ports ? { ports } : {}),
    }));
};

export const desiredSubsets = (svc: Service, pods: Pod[]): DesiredSubsets => {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const groups = new Map<string, { ports: Port[]; ready: Address[]; notReady: Address[] }>();
  for (const pod of pods) {
    if (!belongsInEndpoints(pod, publishNotReady)) continue;
    const ports = portsOf(svc, pod);
    // A Service with ports none of which the pod resolves gets nothing from it.
    if ((svc.spec?.ports ?? []).length > 0 && ports.length === 0) continue;
    ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    const key = JSON.stringify(ports);
    const group = groups.get(key) ?? { ports, ready: [], notReady: [] };
    groups.set(key, group);
    (publishNotReady || isPodReady(pod) ? group.ready : group.notReady).push(addressOf(pod));
  }
  const subsets: Subset[] = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({
      ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
      ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
      ...(g.ports.length ? { ports: g.ports } : {}),
    }));
  const total = subsets.reduce((n, ss) => n + (ss.addresses?.length ?? 0) + (ss.notReadyAddresses?.length ?? 0), 0);
  return total > MAX_ENDPOINT_ADDRESSES
    ? { subsets: truncate(subsets, MAX_ENDPOINT_ADDRESSES), truncated: true }
    : { subsets, truncated: false };
};
