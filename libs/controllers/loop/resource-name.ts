// A loop names its resources as an API path does: 'v1/pods' for the core group,
// 'apps/v1/replicasets' for the others.
import type { ResourceRef } from '@kubenest/client';

export const parseResourceName = (name: string): ResourceRef => {
  const parts = name.split('/');
  if (parts.length === 2 && parts.every(Boolean)) return { group: '', version: parts[0], resource: parts[1] };
  if (parts.length === 3 && parts.every(Boolean)) return { group: parts[0], version: parts[1], resource: parts[2] };
  throw new Error(`a resource is named 'version/resource' or 'group/version/resource', not '${name}'`);
};

export const resourceRefOf = (r: string | ResourceRef): ResourceRef =>
  typeof r === 'string' ? parseResourceName(r) : r;
