// Paths served to anyone, authenticated or not: health, version and the API console, as
// Kubernetes' system:public-info-viewer role opens them to system:unauthenticated.

const PUBLIC_ROOTS = ['/healthz', '/livez', '/readyz', '/version', '/docs'];

// The one object joining nodes read before they hold credentials (the authorizer still decides):
// kubeadm's cluster-info ConfigMap.
const PUBLIC_OBJECTS = ['/api/v1/namespaces/kube-public/configmaps/cluster-info'];

/** `path` without its query; sub-paths (/readyz/ping, /docs/swagger-ui.css) count too. */
export const isAnonymousPath = (path: string): boolean =>
  PUBLIC_ROOTS.some((root) => path === root || path.startsWith(`${root}/`)) || PUBLIC_OBJECTS.includes(path);
