// Defaults of a Service as core/v1's defaulting and the service REST storage set them:
// type, session affinity, port protocols and target ports, traffic policies, IP families,
// and on create a cluster IP and node ports.
import { Service } from '../types';
import { randomClusterIP, randomNodePort } from './service-allocation';

type ServiceSpec = NonNullable<Service['spec']>;

const externallyAccessible = (spec: ServiceSpec): boolean =>
  spec.type === 'LoadBalancer' ||
  spec.type === 'NodePort' ||
  (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);

export const needsClusterIP = (spec: ServiceSpec): boolean => spec.type !== 'ExternalName';
const needsNodePorts = (spec: ServiceSpec): boolean =>
  spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);

export const defaultServiceSpec = (spec: ServiceSpec): void => {
  spec.type ||= 'ClusterIP';
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
  for (const port of spec.ports ?? []) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (externallyAccessible(spec)) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ||= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
};

/** On create: a cluster IP unless given or headless, node ports where the type needs them, IP families. */
export const allocateServiceAddresses = (spec: ServiceSpec): void => {
  if (!needsClusterIP(spec)) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    return;
  }
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (!spec.clusterIP) {
    spec.clusterIP = randomClusterIP();
    spec.clusterIPs = [spec.clusterIP];
  }
  spec.ipFamilyPolicy ||= 'SingleStack';
  if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
  if (needsNodePorts(spec)) {
    for (const port of spec.ports ?? []) port.nodePort ||= randomNodePort();
  }
};

/**
 * On update: what the client left out but was allocated stays, as kube-apiserver patches
 * allocated values so that apply and replace need not repeat them.
 */
export const keepAllocatedAddresses = (spec: ServiceSpec, old: ServiceSpec): void => {
  if (!needsClusterIP(spec) || !needsClusterIP(old)) return;
  if (!spec.clusterIP && !spec.clusterIPs?.length) {
    spec.clusterIP = old.clusterIP;
    spec.clusterIPs = old.clusterIPs;
  } else if (!spec.clusterIPs?.length) {
    spec.clusterIPs = spec.clusterIP === old.clusterIP ? old.clusterIPs : [spec.clusterIP!];
  } else if (
    spec.clusterIPs?.length &&
    spec.clusterIP &&
    spec.clusterIP !== old.clusterIP &&
    spec.clusterIPs[0] === old.clusterIPs?.[0]
  ) {
    // Only the singular field changed: the plural follows it, and validation judges the change.
    spec.clusterIPs = [spec.clusterIP, ...spec.clusterIPs.slice(1)];
  } else if (!spec.clusterIP && spec.clusterIPs?.length) {
    spec.clusterIP = spec.clusterIPs[0];
  }
  spec.ipFamilyPolicy ||= old.ipFamilyPolicy;
  if (!spec.ipFamilies?.length) spec.ipFamilies = old.ipFamilies;
  if (needsNodePorts(spec)) {
    for (const port of spec.ports ?? []) {
      const before = old.ports?.find((p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
      port.nodePort ||= before?.nodePort || randomNodePort();
    }
  }
};
