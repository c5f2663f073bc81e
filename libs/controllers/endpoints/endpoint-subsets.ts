// The subsets of a Service's Endpoints, as kube's endpoints controller computes them: each selected
// pod's address (ready, or not ready unless the Service publishes not-ready addresses) under the
// ports it resolves, addresses grouped by their port set (RepackSubsets), sorted, and at most 1000
// addresses in all (ready ones kept first).
import { isIP } from 'node:net';
import type { Endpoints, Pod, Service } from '@kubenest/api/core/types';
import { belongsInEndpoints, findPort, hostnameFor, isPodReady } from './service-pods';

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

/**
 * The pod's IP of the Service's family (its cluster IP's, else its first IP family's), as kube's
 * podToEndpointAddressForService picks it; a Service saying neither takes the pod's primary IP.
 */
const podIPFor = (svc: Service, pod: Pod): string | undefined => {
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)].filter((ip): ip is string => !!ip);
  const clusterFamily = isIP(svc.spec?.clusterIP ?? '');
  const firstFamily = svc.spec?.ipFamilies?.[0];
  const family = clusterFamily || (firstFamily === 'IPv6' ? 6 : firstFamily === 'IPv4' ? 4 : 0);
  return family ? ips.find((ip) => isIP(ip) === family) : ips[0];
};

const addressOf = (svc: Service, pod: Pod, ip: string): Address => ({
  ip,
  ...(hostnameFor(svc, pod) ? { hostname: hostnameFor(svc, pod) } : {}),
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

/**
 * Cuts the addresses to `max` as kube's truncateEndpoints does: ready ones first; the kind being
 * cut (ready ones when they alone are too many, else not-ready ones) shared among the subsets in
 * proportion to what each holds, rounded up, the last ones getting what is left.
 */
const truncate = (subsets: Subset[], max: number): Subset[] => {
  const count = (key: 'addresses' | 'notReadyAddresses') => subsets.reduce((n, ss) => n + (ss[key]?.length ?? 0), 0);
  const totalReady = count('addresses');
  const cutReady = totalReady > max;
  const key = cutReady ? 'addresses' : 'notReadyAddresses';
  const room = cutReady ? max : max - totalReady;
  const total = count(key);
  let left = room;
  return subsets
    .map((ss) => {
      const share = Math.min(Math.ceil(((ss[key]?.length ?? 0) / total) * room), left);
      const kept = (ss[key] ?? []).slice(0, share);
      left -= kept.length;
      const cut: Subset = { ...ss, [key]: kept };
      if (cutReady) delete cut.notReadyAddresses;
      if (!cut.addresses?.length) delete cut.addresses;
      if (!cut.notReadyAddresses?.length) delete cut.notReadyAddresses;
      return cut;
    })
    .filter((ss) => ss.addresses || ss.notReadyAddresses);
};

export const desiredSubsets = (svc: Service, pods: Pod[]): DesiredSubsets => {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const groups = new Map<string, { ports: Port[]; ready: Address[]; notReady: Address[] }>();
  for (const pod of pods) {
    if (!belongsInEndpoints(pod, publishNotReady)) continue;
    const ip = podIPFor(svc, pod);
    if (!ip) continue;
    const ports = portsOf(svc, pod);
    // Only a headless Service may have no ports; a pod resolving none of a Service's ports adds nothing.
    if ((svc.spec?.ports ?? []).length === 0 ? svc.spec?.clusterIP !== 'None' : ports.length === 0) continue;
    ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    const key = JSON.stringify(ports);
    const group = groups.get(key) ?? { ports, ready: [], notReady: [] };
    groups.set(key, group);
    (publishNotReady || isPodReady(pod) ? group.ready : group.notReady).push(addressOf(svc, pod, ip));
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
