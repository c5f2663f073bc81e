// Which verbs and subresources a served resource answers: shared by discovery and the OpenAPI documents.
import { GroupVersionKind } from '@kubenest/apimachinery';
import { Strategy } from '@kubenest/registry';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Kinds kube serves as create-only "virtual" resources: a POST answers, nothing is stored. */
const CREATE_ONLY_KINDS = new Set([
  'Binding',
  'SelfSubjectAccessReview',
  'SelfSubjectRulesReview',
  'SubjectAccessReview',
  'LocalSubjectAccessReview',
  'SelfSubjectReview',
  'TokenReview',
  'TokenRequest',
]);

/** Resources kube serves without deletecollection. */
const NO_DELETE_COLLECTION = new Set(['/v1/namespaces']);

export const isCreateOnly = (s: Strategy): boolean => CREATE_ONLY_KINDS.has(s.kind.kind);

export function resourceVerbs(s: Strategy): string[] {
  if (isCreateOnly(s)) return ['create'];
  const key = `${s.kind.group}/${s.kind.version}/${s.kind.plural}`;
  return NO_DELETE_COLLECTION.has(key) ? ALL_VERBS.filter((v) => v !== 'deletecollection') : ALL_VERBS;
}

export interface SubresourceInfo {
  /** "status", "scale", "binding"... */
  name: string;
  kind: GroupVersionKind;
  verbs: string[];
}

const SCALE_KIND: GroupVersionKind = { group: 'autoscaling', version: 'v1', kind: 'Scale' };
const UPDATE_VERBS = ['get', 'patch', 'update'];

/** Subresources the HTTP layer serves for particular core resources beyond what a strategy declares. */
const EXTRA_SUBRESOURCES: Record<string, SubresourceInfo[]> = {
  '/v1/pods': [
    { name: 'binding', kind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] },
    { name: 'eviction', kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
    { name: 'log', kind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] },
    { name: 'exec', kind: { group: '', version: 'v1', kind: 'PodExecOptions' }, verbs: ['create', 'get'] },
    { name: 'attach', kind: { group: '', version: 'v1', kind: 'PodAttachOptions' }, verbs: ['create', 'get'] },
    {
      name: 'portforward',
      kind: { group: '', version: 'v1', kind: 'PodPortForwardOptions' },
      verbs: ['create', 'get'],
    },
  ],
  '/v1/serviceaccounts': [
    { name: 'token', kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: ['create'] },
  ],
};

export function subresourcesOf(s: Strategy): SubresourceInfo[] {
  const own: GroupVersionKind = { group: s.kind.group, version: s.kind.version, kind: s.kind.kind };
  const list: SubresourceInfo[] = [];
  if (s.status) list.push({ name: 'status', kind: own, verbs: UPDATE_VERBS });
  if (s.scale) list.push({ name: 'scale', kind: SCALE_KIND, verbs: UPDATE_VERBS });
  for (const name of Object.keys(s.updateSubresources ?? {})) list.push({ name, kind: own, verbs: UPDATE_VERBS });
  list.push(...(EXTRA_SUBRESOURCES[`${s.kind.group}/${s.kind.version}/${s.kind.plural}`] ?? []));
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

export const singularOf = (s: Strategy): string => s.kind.singular ?? s.kind.kind.toLowerCase();

export const strategiesOf = (strategies: Strategy[], group: string, version: string): Strategy[] =>
  strategies
    .filter((s) => s.kind.group === group && s.kind.version === version)
    .sort((a, b) => a.kind.plural.localeCompare(b.kind.plural));
