// RBAC-shaped rules (who, which verbs on which resources or paths) and how a request matches
// one, so that the built-in grants read as tables as kube's default ClusterRoles do.
import { AuthorizationAttributes, isResourceRequest } from './authorizer';

export interface PolicyRule {
  verbs: readonly string[];
  apiGroups?: readonly string[];
  /** "pods", or "pods/status" for a subresource. */
  resources?: readonly string[];
  /** Only these object names; a create (no name yet) never matches a rule that lists names. */
  resourceNames?: readonly string[];
  /** Only in these namespaces; absent: any namespace or none. */
  namespaces?: readonly string[];
  /** Non-resource paths; a trailing "*" matches any continuation. */
  nonResourceURLs?: readonly string[];
}

export interface PolicyBinding {
  users?: readonly string[];
  groups?: readonly string[];
  rules: readonly PolicyRule[];
}

const resourcePathOf = (a: AuthorizationAttributes): string =>
  a.subresource ? `${a.resource}/${a.subresource}` : a.resource;

const pathMatches = (pattern: string, path: string): boolean =>
  pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;

export const ruleAllows = (rule: PolicyRule, a: AuthorizationAttributes): boolean => {
  if (!rule.verbs.includes(a.verb) && !rule.verbs.includes('*')) return false;
  if (!isResourceRequest(a)) return (rule.nonResourceURLs ?? []).some((p) => pathMatches(p, a.path ?? ''));
  if (!rule.resources || !rule.apiGroups?.includes(a.apiGroup)) return false;
  if (!rule.resources.includes(resourcePathOf(a))) return false;
  if (rule.namespaces && !rule.namespaces.includes(a.namespace)) return false;
  return !rule.resourceNames || rule.resourceNames.includes(a.name);
};

export const bindingApplies = (binding: PolicyBinding, a: AuthorizationAttributes): boolean =>
  !!binding.users?.includes(a.user.name) || !!binding.groups?.some((g) => a.user.groups.includes(g));
