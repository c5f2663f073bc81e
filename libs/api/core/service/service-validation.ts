// A Service as kube-apiserver validates it: type, ports, session affinity, selector and
// cluster IPs; and on update, cluster IPs that may not change once set.
import { duplicate, FieldError, forbidden, invalid, notSupported, required } from '@kubenest/apimachinery';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidIP,
  isValidPortName,
  isValidPortNum,
  validateLabels,
} from '@kubenest/apimachinery/validation';
import { supportedProtocols } from '../container-validation';
import { inServiceCIDR, serviceCIDRString } from './service-allocation';
import { Service } from '../types';

type ServiceSpec = NonNullable<Service['spec']>;

const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const affinities = ['ClientIP', 'None'];
const trafficPolicies = ['Cluster', 'Local'];

export const isHeadless = (spec: ServiceSpec): boolean => spec.clusterIP === 'None';

const validatePorts = (spec: ServiceSpec): FieldError[] => {
  const errs: FieldError[] = [];
  const ports = spec.ports ?? [];
  const names = new Set<string>();
  const keys = new Set<string>();
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  ports.forEach((p, i) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${at}.name`));
    else if (p.name) {
      errs.push(...isDNS1123Label(p.name).map((m) => invalid(`${at}.name`, p.name, m)));
      if (names.has(p.name)) errs.push(duplicate(`${at}.name`, p.name));
      names.add(p.name);
    }
    errs.push(...isValidPortNum(p.port).map((m) => invalid(`${at}.port`, p.port, m)));
    if (!p.protocol) errs.push(required(`${at}.protocol`));
    else if (!supportedProtocols.includes(p.protocol))
      errs.push(notSupported(`${at}.protocol`, p.protocol, supportedProtocols));
    if (typeof p.targetPort === 'number')
      errs.push(...isValidPortNum(p.targetPort).map((m) => invalid(`${at}.targetPort`, p.targetPort, m)));
    else if (typeof p.targetPort === 'string')
      errs.push(...isValidPortName(p.targetPort).map((m) => invalid(`${at}.targetPort`, p.targetPort, m)));
    if (p.nodePort) {
      if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') {
        errs.push(forbidden(`${at}.nodePort`, `may not be used when \`type\` is '${spec.type}'`));
      }
      errs.push(...isValidPortNum(p.nodePort).map((m) => invalid(`${at}.nodePort`, p.nodePort, m)));
    }
    const key = `${p.port}/${p.protocol}`;
    if (keys.has(key)) errs.push(duplicate(at, { port: p.port, protocol: p.protocol }));
    keys.add(key);
  });
  return errs;
};

const validateClusterIPs = (spec: ServiceSpec): FieldError[] => {
  if (spec.type === 'ExternalName') {
    return spec.clusterIP && spec.clusterIP !== 'None'
      ? [forbidden('spec.clusterIP', 'may not be set for ExternalName services')]
      : [];
  }
  const ips = spec.clusterIPs ?? [];
  const errs: FieldError[] = [];
  if (spec.clusterIP && ips.length && spec.clusterIP !== ips[0]) {
    errs.push(invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  }
  ips.forEach((ip, i) => {
    if (ip === 'None') {
      if (i > 0 || ips.length > 1)
        errs.push(invalid(`spec.clusterIPs[${i}]`, ip, "must be a valid IP address or 'None'"));
      return;
    }
    const msgs = isValidIP(ip);
    if (msgs.length) errs.push(...msgs.map((m) => invalid(`spec.clusterIPs[${i}]`, ip, m)));
    else if (!inServiceCIDR(ip)) {
      errs.push(
        invalid(
          'spec.clusterIPs',
          ips,
          `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${serviceCIDRString}`,
        ),
      );
    }
  });
  return errs;
};

export const validateServiceSpec = (spec: ServiceSpec | undefined): FieldError[] => {
  if (!spec) return [required('spec')];
  const errs: FieldError[] = [];
  if (!spec.type || !serviceTypes.includes(spec.type))
    errs.push(notSupported('spec.type', spec.type ?? '', serviceTypes));
  if (spec.type === 'ExternalName') {
    if (!spec.externalName) errs.push(required('spec.externalName'));
    else
      errs.push(
        ...isDNS1123Subdomain(spec.externalName.replace(/\.$/, '')).map((m) =>
          invalid('spec.externalName', spec.externalName, m),
        ),
      );
  }
  if (spec.sessionAffinity && !affinities.includes(spec.sessionAffinity))
    errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, affinities));
  if (spec.externalTrafficPolicy && !trafficPolicies.includes(spec.externalTrafficPolicy)) {
    errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, trafficPolicies));
  }
  if (spec.internalTrafficPolicy && !trafficPolicies.includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, trafficPolicies));
  }
  errs.push(...validatePorts(spec));
  errs.push(...validateLabels(spec.selector as Record<string, string> | undefined, 'spec.selector'));
  errs.push(...validateClusterIPs(spec));
  (spec.externalIPs ?? []).forEach((ip, i) =>
    errs.push(...isValidIP(ip).map((m) => invalid(`spec.externalIPs[${i}]`, ip, m))),
  );
  return errs;
};

/** Cluster IPs may not change once set, unless the service turns into or from ExternalName. */
export const validateServiceSpecUpdate = (
  spec: ServiceSpec | undefined,
  old: ServiceSpec | undefined,
): FieldError[] => {
  if (!spec || !old || spec.type === 'ExternalName' || old.type === 'ExternalName') return [];
  if (isHeadless(spec) && isHeadless(old)) return [];
  const ips = spec.clusterIPs ?? [];
  const oldIPs = old.clusterIPs ?? [];
  return oldIPs.flatMap((ip, i) =>
    i < ips.length && ips[i] !== ip ? [invalid(`spec.clusterIPs[${i}]`, ips, 'may not change once set')] : [],
  );
};
