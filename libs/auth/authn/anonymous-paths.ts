// Paths served to anyone, authenticated or not: health, version and the API console, as
// Kubernetes' system:public-info-viewer role opens them to system:unauthenticated.

const PUBLIC_ROOTS = ['/healthz', '/livez', '/readyz', '/version', '/docs'];

/** `path` without its query; sub-paths (/readyz/ping, /docs/swagger-ui.css) count too. */
export const isAnonymousPath = (path: string): boolean =>
  PUBLIC_ROOTS.some((root) => path === root || path.startsWith(`${root}/`));
