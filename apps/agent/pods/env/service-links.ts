// The Docker-links style variables kubelet gives every container for services in its namespace
// (when enableServiceLinks) and, always, for the API server's service "kubernetes" in default.
import type { Service } from '../pod-types';

const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** The variables of one service; a headless or IP-less service has none. */
export function serviceLinkVars(service: Service): Record<string, string> {
  const ip = service.spec?.clusterIP;
  const ports = service.spec?.ports ?? [];
  if (!ip || ip === 'None' || ports.length === 0) return {};
  const n = envName(service.metadata?.name ?? '');
  const vars: Record<string, string> = { [`${n}_SERVICE_HOST`]: ip, [`${n}_SERVICE_PORT`]: String(ports[0].port) };
  const url = (proto: string, port: number) => `${proto.toLowerCase()}://${ip}:${port}`;
  vars[`${n}_PORT`] = url(ports[0].protocol ?? 'TCP', ports[0].port);
  for (const p of ports) {
    const proto = (p.protocol ?? 'TCP').toUpperCase();
    if (p.name) vars[`${n}_SERVICE_PORT_${envName(p.name)}`] = String(p.port);
    const prefix = `${n}_PORT_${p.port}_${proto}`;
    vars[prefix] = url(proto, p.port);
    vars[`${prefix}_PROTO`] = proto.toLowerCase();
    vars[`${prefix}_PORT`] = String(p.port);
    vars[`${prefix}_ADDR`] = ip;
  }
  return vars;
}

/** All service-link variables for a pod in namespace; the master service in default always. */
export function serviceLinkEnv(
  namespace: string,
  enableServiceLinks: boolean,
  namespaceServices: Service[],
  masterService: Service | undefined,
): Record<string, string> {
  const vars: Record<string, string> = {};
  if (enableServiceLinks) {
    const named = [...namespaceServices].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    for (const s of named) Object.assign(vars, serviceLinkVars(s));
  }
  if (masterService && !(enableServiceLinks && namespace === 'default'))
    Object.assign(vars, serviceLinkVars(masterService));
  return vars;
}
