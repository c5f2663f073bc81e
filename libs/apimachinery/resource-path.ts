// The REST path of a resource, an object or its subresource, as kube-apiserver serves them: the
// core group under /api, every other under /apis. Both clients (the HTTPS one and the in-process
// one's authorization) and the OpenAPI documents build their paths from these.

/** /api/v1 for the core group, /apis/<group>/<version> for the others. */
export const groupVersionPath = (group: string, version: string): string =>
  group ? `/apis/${group}/${version}` : `/api/${version}`;

/** /api/v1[/namespaces/ns]/pods[/name[/subresource]] or /apis/group/version/...; names percent-encoded. */
export function resourcePath(
  ref: { group: string; version: string; resource: string },
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  let path = groupVersionPath(ref.group, ref.version);
  if (namespace !== undefined) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${ref.resource}`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  if (subresource !== undefined) path += `/${subresource}`;
  return path;
}
