// Parses a resource URL (/api/v1/... or /apis/<group>/<version>/...) into what it addresses.
import { StatusError } from '@kubenest/apimachinery';

export interface ApiPath {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
}

/** Subresources of namespaces themselves, so /namespaces/x/status is not a resource in namespace x. */
const namespaceSubresources = new Set(['status', 'finalize']);

export const parseApiPath = (group: string, version: string, rest: string[]): ApiPath => {
  const segments = rest.filter((s) => s !== '');
  if (segments.length === 0) throw StatusError.notFound({ group, resource: '' }, '');
  // No name holds a NUL byte (PostgreSQL text cannot store one), so nothing can be found at it.
  if (segments.some((s) => s.includes('\0'))) {
    throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  }
  const namespaced = segments[0] === 'namespaces' && segments.length >= 3 && !namespaceSubresources.has(segments[2]);
  const [resource, name, subresource, ...extra] = namespaced ? segments.slice(2) : segments;
  if (extra.length > 0) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  return {
    group,
    version,
    namespace: namespaced ? segments[1] : undefined,
    resource,
    name,
    subresource,
  };
};
