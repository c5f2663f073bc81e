// core/v1 Endpoints: addresses and ports behind a service, and `kubectl get endpoints`.
import type { Strategy } from '@kubenest/registry';
import { FieldError, invalid, notSupported, required } from '@kubenest/apimachinery';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidIP,
  isValidPortNum,
  nameIsDNSSubdomain,
  nonSpecialIPErrors,
} from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column } from '../../common/columns';
import { supportedProtocols } from '../container-validation';
import { Endpoints } from '../types';

type Subset = NonNullable<Endpoints['subsets']>[number];

type Address = NonNullable<Subset['addresses']>[number];

/** kube's validateEndpointAddress: a valid IP, a DNS label as hostname, a DNS subdomain as
 * nodeName, then no unspecified, loopback or link-local IP (kube's 422 words). */
const validateAddress = (a: Address, path: string): FieldError[] => {
  const ip = a.ip ?? '';
  return [
    ...isValidIP(ip).map((m) => invalid(`${path}.ip`, ip, m)),
    ...(a.hostname ? isDNS1123Label(a.hostname).map((m) => invalid(`${path}.hostname`, a.hostname, m)) : []),
    ...(a.nodeName !== undefined
      ? isDNS1123Subdomain(a.nodeName).map((m) => invalid(`${path}.nodeName`, a.nodeName, m))
      : []),
    ...nonSpecialIPErrors(ip).map((m) => invalid(`${path}.ip`, ip, m)),
  ];
};

const validateSubset = (ss: Subset, path: string): FieldError[] => {
  const errs: FieldError[] = [];
  if (!ss.addresses?.length && !ss.notReadyAddresses?.length)
    errs.push(required(path, 'must specify `addresses` or `notReadyAddresses`'));
  const checkAddresses = (list: Subset['addresses'], field: string): void =>
    (list ?? []).forEach((a, i) => errs.push(...validateAddress(a, `${path}.${field}[${i}]`)));
  checkAddresses(ss.addresses, 'addresses');
  checkAddresses(ss.notReadyAddresses, 'notReadyAddresses');
  const ports = ss.ports ?? [];
  ports.forEach((p, i) => {
    const at = `${path}.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${at}.name`));
    else if (p.name) errs.push(...isDNS1123Label(p.name).map((m) => invalid(`${at}.name`, p.name, m)));
    errs.push(...isValidPortNum(p.port).map((m) => invalid(`${at}.port`, p.port, m)));
    if (!p.protocol) errs.push(required(`${at}.protocol`));
    else if (!supportedProtocols.includes(p.protocol))
      errs.push(notSupported(`${at}.protocol`, p.protocol, supportedProtocols));
  });
  return errs;
};

// IPv6 addresses are bracketed before a port, as net.JoinHostPort does.
const hostPort = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** ENDPOINTS: the first three ip:port pairs, then "+ N more...". */
export const formatEndpoints = (ep: Endpoints): string => {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const targets = ss.ports?.length
      ? ss.ports.flatMap((p) => addresses.map((a) => hostPort(a.ip, p.port)))
      : addresses.map((a) => a.ip);
    count += targets.length;
    for (const t of targets) if (list.length < max) list.push(t);
  }
  return count > max ? `${list.join(',')} + ${count - max} more...` : list.join(',');
};

export const endpointsStrategy: Strategy<Endpoints> = {
  kind: { group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', shortNames: ['ep'] },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  allowCreateOnUpdate: true,
  prepareForCreate: (ep) => {
    for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) p.protocol ||= 'TCP';
  },
  prepareForUpdate: (ep) => {
    for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) p.protocol ||= 'TCP';
  },
  validate: (ep) => (ep.subsets ?? []).flatMap((ss, i) => validateSubset(ss, `subsets[${i}]`)),
  columns: [
    column('Endpoints', formatEndpoints, { description: 'The addresses and ports of the endpoints.' }),
    ageColumn,
  ],
};
