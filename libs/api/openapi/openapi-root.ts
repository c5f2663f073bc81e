// The /openapi/v3 index: one entry per served group-version, each pointing at its document with
// a content hash, so clients (kubectl) can cache documents until the hash changes.
import { createHash } from 'node:crypto';
import { ResourceRegistry, Strategy } from '@kubenest/registry';
import { buildOpenApiV3, GroupVersion } from './group-version-document';
import { OpenApiDocument } from './openapi-types';

export interface OpenApiV3Root {
  paths: Record<string, { serverRelativeURL: string }>;
}

/** "api/v1" or "apis/apps/v1": the key of a group-version under /openapi/v3. */
export const openApiPathOf = (gv: GroupVersion): string =>
  gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;

/** The reverse of openApiPathOf; undefined for anything else. */
export function groupVersionOfPath(path: string): GroupVersion | undefined {
  const parts = path.replace(/^\/+|\/+$/g, '').split('/');
  if (parts.length === 2 && parts[0] === 'api') return { group: '', version: parts[1] };
  if (parts.length === 3 && parts[0] === 'apis') return { group: parts[1], version: parts[2] };
  return undefined;
}

/** As kube-apiserver hashes: SHA-512 of the serialized document, upper-case hex. */
export const documentHash = (doc: OpenApiDocument): string => hashOf(JSON.stringify(doc));

const hashOf = (body: string): string => createHash('sha512').update(body).digest('hex').toUpperCase();

/** Every served group-version's document with its path and hash, built once. */
export interface OpenApiV3Documents {
  root: OpenApiV3Root;
  byPath: Map<string, { document: OpenApiDocument; body: string; hash: string }>;
}

export function buildOpenApiV3Documents(strategies: Strategy[]): OpenApiV3Documents {
  const root: OpenApiV3Root = { paths: {} };
  const byPath: OpenApiV3Documents['byPath'] = new Map();
  for (const gv of new ResourceRegistry(strategies).groupVersions()) {
    const document = buildOpenApiV3(strategies, gv);
    if (!document) continue;
    const path = openApiPathOf(gv);
    const body = JSON.stringify(document);
    const hash = hashOf(body);
    byPath.set(path, { document, body, hash });
    root.paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { root, byPath };
}

export const openApiV3Root = (strategies: Strategy[]): OpenApiV3Root => buildOpenApiV3Documents(strategies).root;
