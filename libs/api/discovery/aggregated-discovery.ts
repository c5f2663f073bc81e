// The aggregated discovery documents (apidiscovery.k8s.io APIGroupDiscoveryList) that kubectl
// 1.27+ asks /api and /apis for: every group-version's resources in one answer.
import { Strategy } from '@kubenest/registry';
import { resourceVerbs, singularOf, strategiesOf, subresourcesOf } from '../openapi/resource-verbs';
import { servedGroups } from './legacy-discovery';

export type AggregatedDiscoveryVersion = 'v2' | 'v2beta1';

interface ResponseKind {
  group: string;
  version: string;
  kind: string;
}

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind: ResponseKind;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: ResponseKind;
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: 'Current';
}

export interface APIGroupDiscovery {
  metadata: { name: string; creationTimestamp: null };
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: string;
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

function versionDiscovery(strategies: Strategy[], group: string, version: string): APIVersionDiscovery {
  const resources = strategiesOf(strategies, group, version).map((s): APIResourceDiscovery => {
    const entry: APIResourceDiscovery = {
      resource: s.kind.plural,
      responseKind: { group, version, kind: s.kind.kind },
      scope: s.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: singularOf(s),
      verbs: resourceVerbs(s),
    };
    if (s.kind.shortNames?.length) entry.shortNames = s.kind.shortNames;
    if (s.kind.categories?.length) entry.categories = s.kind.categories;
    const subs = subresourcesOf(s);
    if (subs.length)
      entry.subresources = subs.map((sub) => ({ subresource: sub.name, responseKind: sub.kind, verbs: sub.verbs }));
    return entry;
  });
  return { version, resources, freshness: 'Current' };
}

/** `/api` answers the core group alone (named ""), `/apis` every other group. */
export function aggregatedDiscovery(
  strategies: Strategy[],
  root: 'api' | 'apis',
  version: AggregatedDiscoveryVersion,
): APIGroupDiscoveryList {
  const items: APIGroupDiscovery[] = [];
  for (const [group, versions] of servedGroups(strategies)) {
    if ((group === '') !== (root === 'api')) continue;
    items.push({
      metadata: { name: group, creationTimestamp: null },
      versions: versions.map((v) => versionDiscovery(strategies, group, v)),
    });
  }
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

/** The exact Content-Type kubectl requires for an aggregated answer. */
export const aggregatedContentType = (version: AggregatedDiscoveryVersion): string =>
  `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
