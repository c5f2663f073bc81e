// Ports, port names and IP addresses as apimachinery's validation checks them.
import { BlockList, isIP } from 'node:net';
import { inclusiveRangeError, maxLenError } from './messages';

/** Problems with a port number (1-65535), empty when valid. */
export const isValidPortNum = (port: number): string[] =>
  Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];

/** Problems with an IANA service name (a named port), empty when valid. */
export const isValidPortName = (port: string): string[] => {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
};

/** Problems with an IPv4 or IPv6 address, empty when valid. */
export const isValidIP = (value: string): string[] =>
  isIP(value) ? [] : ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];

const ranges = (subnets: [string, number, 'ipv4' | 'ipv6'][]): BlockList => {
  const list = new BlockList();
  for (const [network, prefix, type] of subnets) list.addSubnet(network, prefix, type);
  return list;
};

// Go's net.IP predicates, which read an IPv4-mapped IPv6 address as its IPv4 address (BlockList does too).
const unspecified = ranges([
  ['0.0.0.0', 32, 'ipv4'],
  ['::', 128, 'ipv6'],
]);
const loopback = ranges([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);
const linkLocalUnicast = ranges([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
]);
// IsLinkLocalMulticast: 224.0.0.0/24, and ff02::/16 with any flags (ffX2::/16).
const linkLocalMulticast = ranges([
  ['224.0.0.0', 24, 'ipv4'],
  ...[...Array(16).keys()].map((flags): [string, number, 'ipv6'] => [`ff${flags.toString(16)}2::`, 16, 'ipv6']),
]);

/**
 * Problems with a valid IP as an endpoint's address, as kube's ValidateNonSpecialIP finds them:
 * unspecified and loopback addresses make no sense there, and link-local ones are the node's own
 * (a cloud's metadata service). Empty for an address that is not an IP (isValidIP says so).
 */
export const nonSpecialIPErrors = (ip: string): string[] => {
  const family = isIP(ip);
  if (!family) return [];
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const errs: string[] = [];
  if (unspecified.check(ip, type)) errs.push(`may not be unspecified (${ip})`);
  if (loopback.check(ip, type)) errs.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
  if (linkLocalUnicast.check(ip, type)) errs.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
  if (linkLocalMulticast.check(ip, type))
    errs.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  return errs;
};
