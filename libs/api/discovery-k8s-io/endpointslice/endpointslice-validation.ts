// kube's ValidateEndpointSlice: the address type, the endpoints (addresses of that type, hostname,
// nodeName, zone), the ports (unique names, protocol, port range), and the limits of each list.
import { isIP } from 'node:net';
import { duplicate, FieldError, invalid, notSupported, required, tooMany } from '@kubenest/apimachinery';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortNum,
  nonSpecialIPErrors,
} from '@kubenest/apimachinery/validation';
import { supportedProtocols } from '../../core/container-validation';
import { EndpointSlice, SliceEndpoint, SlicePort } from '../types';

// Sorted, as kube lists them in its Unsupported value message.
export const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
export const MAX_ENDPOINTS = 1000;
export const MAX_ADDRESSES = 100;
export const MAX_PORTS = 100;

/** IsFullyQualifiedDomainName: a DNS subdomain of at least two labels, dot-terminated or not. */
const fqdnErrors = (name: string): string[] => {
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  if (trimmed.split('.').length < 2) return ['should be a domain with at least two segments separated by dots'];
  return isDNS1123Subdomain(trimmed);
};

const addressErrors = (addressType: string, address: string): string[] => {
  switch (addressType) {
    case 'IPv4':
      return isIP(address) === 4 ? nonSpecialIPErrors(address) : ['must be a valid IPv4 address'];
    case 'IPv6':
      return isIP(address) === 6 ? nonSpecialIPErrors(address) : ['must be a valid IPv6 address'];
    case 'FQDN':
      return fqdnErrors(address);
    default:
      return [];
  }
};

const validateEndpoint = (ep: SliceEndpoint, addressType: string, path: string): FieldError[] => {
  const errs: FieldError[] = [];
  const addresses = ep.addresses ?? [];
  if (addresses.length === 0) errs.push(required(`${path}.addresses`, 'must contain at least 1 address'));
  // Over the limit, one error: not one per address of a list as long as the body allows.
  else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(`${path}.addresses`, addresses.length, MAX_ADDRESSES));
  else
    addresses.forEach((a, i) =>
      errs.push(...addressErrors(addressType, a).map((m) => invalid(`${path}.addresses[${i}]`, a, m))),
    );
  if (ep.hostname) errs.push(...isDNS1123Label(ep.hostname).map((m) => invalid(`${path}.hostname`, ep.hostname, m)));
  if (ep.nodeName)
    errs.push(...isDNS1123Subdomain(ep.nodeName).map((m) => invalid(`${path}.nodeName`, ep.nodeName, m)));
  if (ep.zone) errs.push(...isValidLabelValue(ep.zone).map((m) => invalid(`${path}.zone`, ep.zone, m)));
  return errs;
};

const validatePorts = (ports: SlicePort[]): FieldError[] => {
  if (ports.length > MAX_PORTS) return [tooMany('ports', ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `ports[${i}]`;
    const name = p.name ?? '';
    if (name) errs.push(...isDNS1123Label(name).map((m) => invalid(`${path}.name`, name, m)));
    if (names.has(name)) errs.push(duplicate(`${path}.name`, name));
    names.add(name);
    if (!p.protocol) errs.push(required(`${path}.protocol`));
    else if (!supportedProtocols.includes(p.protocol))
      errs.push(notSupported(`${path}.protocol`, p.protocol, supportedProtocols));
    if (p.port !== undefined && p.port !== null)
      errs.push(...isValidPortNum(p.port).map((m) => invalid(`${path}.port`, p.port, m)));
    if (p.appProtocol)
      errs.push(...isQualifiedName(p.appProtocol).map((m) => invalid(`${path}.appProtocol`, p.appProtocol, m)));
  });
  return errs;
};

export const validateEndpointSlice = (slice: EndpointSlice): FieldError[] => {
  const errs: FieldError[] = [];
  const addressType = slice.addressType as string | undefined;
  if (!addressType) errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(addressType)) errs.push(notSupported('addressType', addressType, ADDRESS_TYPES));
  const endpoints = slice.endpoints ?? [];
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany('endpoints', endpoints.length, MAX_ENDPOINTS));
  else endpoints.forEach((ep, i) => errs.push(...validateEndpoint(ep, addressType ?? '', `endpoints[${i}]`)));
  errs.push(...validatePorts(slice.ports ?? []));
  return errs;
};

/** addressType may not change once set. */
export const validateEndpointSliceUpdate = (slice: EndpointSlice, old: EndpointSlice): FieldError[] =>
  slice.addressType !== old.addressType ? [invalid('addressType', slice.addressType, 'field is immutable')] : [];
