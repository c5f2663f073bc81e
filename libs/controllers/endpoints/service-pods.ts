// What the endpoints and endpointslice loops read off Services and pods, as kube's endpointslice
// util: which Services select a pod, whether a pod belongs in endpoints at all, and the port a
// Service port resolves to on a pod.
import type { Pod, Service } from '@kubenest/api/core/types';
import type { KubeObject } from '@kubenest/apimachinery';
import type { Lister } from '../informer';

export type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

/** A Service's selector, or undefined for one without (its endpoints are someone else's). */
export const serviceSelector = (svc: Service): Record<string, string> | undefined => {
  const selector = svc.spec?.selector;
  return selector && Object.keys(selector).length > 0 ? selector : undefined;
};

export const selects = (selector: Record<string, string>, pod: KubeObject): boolean => {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
};

/** The Services of the pod's namespace whose selector matches it (kube's GetPodServiceMemberships). */
export const servicesSelecting = (pod: KubeObject, services: Lister<Service>): Service[] =>
  services.list({ namespace: pod.metadata.namespace }).filter((svc) => {
    const selector = serviceSelector(svc);
    return !!selector && selects(selector, pod);
  });

/** The pods a Service selects. */
export const podsOf = (svc: Service, pods: Lister<Pod>): Pod[] => {
  const selector = serviceSelector(svc);
  return selector ? pods.list({ namespace: svc.metadata.namespace }).filter((p) => selects(selector, p)) : [];
};

export const isTerminating = (pod: Pod): boolean => !!pod.metadata.deletionTimestamp;

export const isPodReady = (pod: Pod): boolean =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

const isTerminal = (pod: Pod): boolean => pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';

/**
 * kube's ShouldPodBeInEndpoints: a pod with an IP that has not finished; a terminating one only
 * when the caller keeps terminating endpoints.
 */
export const belongsInEndpoints = (pod: Pod, includeTerminating: boolean): boolean => {
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (isTerminal(pod)) return false;
  return includeTerminating || !isTerminating(pod);
};

/**
 * podutil.FindPort: a numeric targetPort as is, a named one as the pod's container port of that name
 * and the Service port's protocol; undefined when the pod has none.
 */
export const findPort = (pod: Pod, port: ServicePort): number | undefined => {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  return undefined;
};

/** The pod's hostname when it names the Service as its subdomain (kube's ShouldSetHostname). */
export const hostnameFor = (svc: Service, pod: Pod): string | undefined =>
  pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace
    ? pod.spec.hostname
    : undefined;
