// What the agent reports about its host: names, OS, kernel, CPUs and memory, as kubelet reads
// them from cAdvisor and /etc/os-release.
import { readFileSync } from 'node:fs';
import { arch, cpus, hostname, networkInterfaces, platform, release, totalmem } from 'node:os';

export interface HostFacts {
  hostname: string;
  /** GOOS spelling: linux, darwin, windows. */
  operatingSystem: string;
  /** GOARCH spelling: amd64, arm64, ... */
  architecture: string;
  kernelVersion: string;
  osImage: string;
  cpus: number;
  memoryBytes: number;
  /** A non-loopback IPv4 address, if the host has one. */
  address?: string;
}

const GO_ARCH: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' };
const GO_OS: Record<string, string> = { win32: 'windows' };

export const goArch = (nodeArch: string): string => GO_ARCH[nodeArch] ?? nodeArch;
export const goOs = (nodePlatform: string): string => GO_OS[nodePlatform] ?? nodePlatform;

/** PRETTY_NAME from os-release text, as `kubectl get nodes -o wide` shows it. */
export const osImageFrom = (osRelease: string | undefined): string =>
  /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease ?? '')?.[1] ?? 'Unknown';

const readOsRelease = (): string | undefined => {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return undefined;
  }
};

const firstExternalIPv4 = (): string | undefined =>
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

export const readHostFacts = (): HostFacts => ({
  hostname: hostname().toLowerCase(),
  operatingSystem: goOs(platform()),
  architecture: goArch(arch()),
  kernelVersion: release(),
  osImage: osImageFrom(readOsRelease()),
  cpus: cpus().length,
  memoryBytes: totalmem(),
  address: firstExternalIPv4(),
});
