// The unaggregated discovery documents: /api (APIVersions), /apis (APIGroupList), /apis/<group>
// (APIGroup) and /api/v1, /apis/<group>/<version> (APIResourceList).
import { ResourceRegistry, Strategy } from '@kubenest/registry';
import { resourceVerbs, singularOf, strategiesOf, subresourcesOf } from '../openapi/resource-verbs';

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface APIGroup {
  kind?: 'APIGroup';
  apiVersion?: 'v1';
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

export interface APIResourceList {
  kind: 'APIResourceList';
  apiVersion: 'v1';
  groupVersion: string;
  resources: APIResource[];
}

export interface APIVersions {
  kind: 'APIVersions';
  versions: string[];
  serverAddressByClientCIDRs: { clientCIDR: string; serverAddress: string }[];
}

export interface APIGroupList {
  kind: 'APIGroupList';
  apiVersion: 'v1';
  groups: APIGroup[];
}

/** Versions of each served group in preference order (the newest stable first), core group excluded. */
export function servedGroups(strategies: Strategy[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const gv of new ResourceRegistry(strategies).groupVersions()) {
    const versions = groups.get(gv.group) ?? [];
    versions.push(gv.version);
    groups.set(gv.group, versions);
  }
  for (const versions of groups.values()) versions.sort(compareVersionPriority);
  return groups;
}

/** Kube's version priority: GA before beta before alpha, higher numbers first. */
export function compareVersionPriority(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0];
    return [m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
  return a.localeCompare(b);
}

export function apiVersions(strategies: Strategy[], serverAddress = ''): APIVersions {
  return {
    kind: 'APIVersions',
    versions: servedGroups(strategies).get('') ?? [],
    serverAddressByClientCIDRs: serverAddress ? [{ clientCIDR: '0.0.0.0/0', serverAddress }] : [],
  };
}

export function apiGroup(strategies: Strategy[], group: string): APIGroup | undefined {
  const versions = servedGroups(strategies).get(group);
  if (!group || !versions) return undefined;
  const entries = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: entries, preferredVersion: entries[0] };
}

export function apiGroupList(strategies: Strategy[]): APIGroupList {
  const groups = [...servedGroups(strategies).keys()].filter((g) => g !== '');
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => apiGroup(strategies, g) as APIGroup) };
}

/** The resources of one group-version, subresources included; undefined when nothing is served there. */
export function apiResourceList(strategies: Strategy[], group: string, version: string): APIResourceList | undefined {
  const served = strategiesOf(strategies, group, version);
  if (served.length === 0) return undefined;
  const resources: APIResource[] = [];
  for (const s of served) {
    const resource: APIResource = {
      name: s.kind.plural,
      singularName: singularOf(s),
      namespaced: s.namespaced,
      kind: s.kind.kind,
      verbs: resourceVerbs(s),
    };
    if (s.kind.shortNames?.length) resource.shortNames = s.kind.shortNames;
    if (s.kind.categories?.length) resource.categories = s.kind.categories;
    resources.push(resource);
    for (const sub of subresourcesOf(s)) {
      const entry: APIResource = {
        name: `${s.kind.plural}/${sub.name}`,
        singularName: '',
        namespaced: s.namespaced,
        kind: sub.kind.kind,
        verbs: sub.verbs,
      };
      if (sub.kind.group !== group || sub.kind.version !== version)
        Object.assign(entry, { group: sub.kind.group, version: sub.kind.version });
      resources.push(entry);
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
