// RBAC-shaped rules (who, which verbs on which resources or paths) and how a request matches
// one, so that the built-in grants read as tables as kube's default ClusterRoles do.
import { AuthorizationAttributes, isResourceRequest } from './authorizer';

export interface PolicyRule {
  verbs: readonly string[];
  /** "*" for every group. */
  apiGroups?: readonly string[];
  /** "pods", or "pods/status" for a subresource; "*" for every resource and subresource. */
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

/** As RBAC: "*" in apiGroups or resources matches any (a subresource included). */
const matches = (allowed: readonly string[], value: string): boolean =>
  allowed.includes('*') || allowed.includes(value);

export const ruleAllows = (rule: PolicyRule, a: AuthorizationAttributes): boolean => {
  if (!rule.verbs.includes(a.verb) && !rule.verbs.includes('*')) return false;
  if (!isResourceRequest(a)) return (rule.nonResourceURLs ?? []).some((p) => pathMatches(p, a.path ?? ''));
  if (!rule.resources || !matches(rule.apiGroups ?? [], a.apiGroup)) return false;
  if (!matches(rule.resources, resourcePathOf(a))) return false;
  if (rule.namespaces && !rule.namespaces.includes(a.namespace)) return false;
  return !rule.resourceNames || rule.resourceNames.includes(a.name);
};

export const bindingApplies = (binding: PolicyBinding, a: AuthorizationAttributes): boolean =>
  !!binding.users?.includes(a.user.name) || !!binding.groups?.some((g) => a.user.groups.includes(g));
