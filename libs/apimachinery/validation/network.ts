// Ports, port names and IP addresses as apimachinery's validation checks them.
import { isIP } from 'node:net';
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
