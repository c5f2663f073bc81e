// Cluster IPs and node ports for new services. For now both are drawn at random from the
// default ranges (10.96.0.0/12, 30000-32767) with no record of what is taken: a collision is
// unlikely but possible until an allocator backed by the store replaces this.
import { randomInt } from 'node:crypto';

export const serviceCIDR = { base: (10 << 24) | (96 << 16), prefixLength: 12 };
export const nodePortRange = { min: 30000, max: 32767 };

const ipv4ToNumber = (ip: string): number => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
const numberToIPv4 = (n: number): string => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

const rangeSize = 2 ** (32 - serviceCIDR.prefixLength);
const baseNumber = serviceCIDR.base >>> 0;

export const serviceCIDRString = `${numberToIPv4(baseNumber)}/${serviceCIDR.prefixLength}`;

/** An address of the service range other than its network, first (the API service's) and broadcast addresses. */
export const randomClusterIP = (): string => numberToIPv4(baseNumber + randomInt(2, rangeSize - 1));

export const inServiceCIDR = (ip: string): boolean => {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return false;
  const n = ipv4ToNumber(ip);
  return n >= baseNumber && n < baseNumber + rangeSize;
};

export const randomNodePort = (): number => randomInt(nodePortRange.min, nodePortRange.max + 1);
