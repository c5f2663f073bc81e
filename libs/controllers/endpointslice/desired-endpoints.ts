// The endpoints a Service's slices should hold, as kube's endpointslice reconciler derives them:
// every selected pod with an IP of the slice's family that has not finished, terminating ones
// included, with its conditions, node, zone and the ports it resolves.
import type { EndpointSlice, SliceEndpoint, SlicePort } from '@kubenest/api/discovery-k8s-io';
import type { Node, Pod, Service } from '@kubenest/api/core/types';
import { isIP } from 'node:net';
import { belongsInEndpoints, findPort, hostnameFor, isPodReady, isTerminating } from '../endpoints/service-pods';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export type AddressType = EndpointSlice['addressType'];

/** The endpoints of one port set, keyed by address. */
export interface EndpointGroup {
  ports: SlicePort[];
  endpoints: Map<string, SliceEndpoint>;
}

/** A Service's address types: its IP families, IPv4 when it names none. */
export const addressTypesOf = (svc: Service): AddressType[] => {
  const families = svc.spec?.ipFamilies ?? [];
  return families.length ? (families as AddressType[]) : ['IPv4'];
};

const ipOf = (pod: Pod, type: AddressType): string | undefined => {
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)].filter((ip): ip is string => !!ip);
  return ips.find((ip) => isIP(ip) === (type === 'IPv6' ? 6 : 4));
};

const portsOf = (svc: Service, pod: Pod): SlicePort[] =>
  (svc.spec?.ports ?? []).flatMap((sp) => {
    const port = findPort(pod, sp);
    if (port === undefined) return [];
    return [
      {
        name: sp.name ?? '',
        port,
        protocol: sp.protocol ?? 'TCP',
        ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
      },
    ];
  });

const endpointOf = (svc: Service, pod: Pod, address: string, node: Node | undefined): SliceEndpoint => {
  const ready = isPodReady(pod);
  const terminating = isTerminating(pod);
  const zone = node?.metadata.labels?.[ZONE_LABEL];
  return {
    addresses: [address],
    conditions: {
      ready: svc.spec?.publishNotReadyAddresses || (ready && !terminating),
      serving: ready,
      terminating,
    },
    ...(hostnameFor(svc, pod) ? { hostname: hostnameFor(svc, pod) } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid },
  };
};

/** The desired endpoints of one address type, grouped by the port set their pod resolves. */
export const desiredEndpoints = (
  svc: Service,
  type: AddressType,
  pods: Pod[],
  nodeOf: (name: string) => Node | undefined,
): Map<string, EndpointGroup> => {
  const groups = new Map<string, EndpointGroup>();
  for (const pod of pods) {
    if (!belongsInEndpoints(pod, true)) continue;
    const address = ipOf(pod, type);
    if (!address) continue;
    const ports = portsOf(svc, pod).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    const key = portSetKey(ports);
    const group = groups.get(key) ?? { ports, endpoints: new Map() };
    groups.set(key, group);
    const node = pod.spec?.nodeName ? nodeOf(pod.spec.nodeName) : undefined;
    group.endpoints.set(address, endpointOf(svc, pod, address, node));
  }
  return groups;
};

/** The identity of a port set, whatever the order its ports come in. */
export const portSetKey = (ports: SlicePort[] | undefined | null): string =>
  JSON.stringify(
    [...(ports ?? [])]
      .map((p) => [p.name ?? '', p.port ?? null, p.protocol ?? 'TCP', p.appProtocol ?? ''])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
