// The host ports the pods on a node hold, as kube-scheduler's HostPortInfo: by host IP, then
// protocol and port. 0.0.0.0 (or no hostIP) holds the port on every address of the node.
import type { Pod } from '@kubenest/api/core/types';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

const ANY_IP = '0.0.0.0';

const key = (protocol: string, port: number): string => `${protocol}/${port}`;

/**
 * The host ports a pod holds, as kube's GetHostPorts: its containers' and its sidecars' (init
 * containers with restartPolicy Always, which run as long as the pod); other init containers
 * have exited before the pod runs.
 */
export const podHostPorts = (pod: Pod): HostPort[] => {
  const ports: HostPort[] = [];
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...sidecars, ...(pod.spec?.containers ?? [])])
    for (const p of c.ports ?? [])
      if (p.hostPort && p.hostPort > 0)
        ports.push({ ip: p.hostIP || ANY_IP, protocol: p.protocol || 'TCP', port: p.hostPort });
  return ports;
};

export class HostPortInfo {
  /** ip → `protocol/port` → how many pods hold it. */
  private readonly byIp = new Map<string, Map<string, number>>();

  add({ ip, protocol, port }: HostPort): void {
    const ports = this.byIp.get(ip) ?? new Map<string, number>();
    this.byIp.set(ip, ports);
    const k = key(protocol, port);
    ports.set(k, (ports.get(k) ?? 0) + 1);
  }

  remove({ ip, protocol, port }: HostPort): void {
    const ports = this.byIp.get(ip);
    const k = key(protocol, port);
    const n = ports?.get(k);
    if (!ports || n === undefined) return;
    if (n > 1) ports.set(k, n - 1);
    else ports.delete(k);
    if (ports.size === 0) this.byIp.delete(ip);
  }

  /** Whether a pod asking for `want` would clash with a port held already. */
  conflicts({ ip, protocol, port }: HostPort): boolean {
    const k = key(protocol, port);
    if (ip === ANY_IP) {
      for (const ports of this.byIp.values()) if (ports.has(k)) return true;
      return false;
    }
    return Boolean(this.byIp.get(ip)?.has(k) || this.byIp.get(ANY_IP)?.has(k));
  }

  get size(): number {
    let n = 0;
    for (const ports of this.byIp.values()) n += ports.size;
    return n;
  }

  clone(): HostPortInfo {
    const copy = new HostPortInfo();
    for (const [ip, ports] of this.byIp) copy.byIp.set(ip, new Map(ports));
    return copy;
  }
}
