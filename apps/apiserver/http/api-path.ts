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

/** A resource URL has segments past its group version; /api/v1 and /apis/apps/v1 themselves are discovery. */
const RESOURCE_URL = /^\/(?:api\/[^/?]+|apis\/[^/?]+\/[^/?]+)\/[^?]/;

export const isResourceUrl = (url: string): boolean => RESOURCE_URL.test(url);

const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw StatusError.badRequest(`the URL path segment ${JSON.stringify(segment)} is not valid percent-encoding`);
  }
};

const parseSegments = (group: string, version: string, rest: string[]): ApiPath => {
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

/** What the path of a resource URL (see isResourceUrl) addresses, each segment percent-decoded. */
export const parseApiPath = (pathname: string): ApiPath => {
  const [, root, ...segments] = pathname.split('/').map(decodeSegment);
  return root === 'api'
    ? parseSegments('', segments[0], segments.slice(1))
    : parseSegments(segments[0], segments[1], segments.slice(2));
};
