// What a node agent (user system:node:<name> in system:nodes) may do, as kube's Node authorizer
// and system:node role grant it, simplified: it reads the objects pods need (any pod, service,
// endpoints; ConfigMaps and Secrets by name, where kube limits them to its pods' references),
// writes its own Node, Lease and events, and pods' status. Which pods it may change, and the
// names of objects created by POST, are checked on the object by the NodeRestriction plugin.
import { AuthorizationAttributes, AuthorizationDecision, Authorizer, isResourceRequest } from './authorizer';
import { PolicyRule, ruleAllows } from './policy-rule';

export const NODES_GROUP = 'system:nodes';
export const NODE_USER_PREFIX = 'system:node:';
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** The node a user is, when it is one: system:node:<name> in system:nodes. */
export const nodeNameOf = (user: { name: string; groups: string[] }): string | undefined =>
  user.name.startsWith(NODE_USER_PREFIX) &&
  user.groups.includes(NODES_GROUP) &&
  user.name.length > NODE_USER_PREFIX.length
    ? user.name.slice(NODE_USER_PREFIX.length)
    : undefined;

const READ = ['get', 'list', 'watch'];
const WRITE = ['update', 'patch'];

/** The rules of one node; those naming it are the ones another node's name must not pass. */
export const nodeRules = (node: string): { any: PolicyRule[]; own: PolicyRule[] } => ({
  any: [
    { verbs: [...READ, 'create'], apiGroups: [''], resources: ['nodes'] },
    { verbs: [...READ, 'delete'], apiGroups: [''], resources: ['pods'] },
    { verbs: ['get', ...WRITE], apiGroups: [''], resources: ['pods/status'] },
    { verbs: READ, apiGroups: [''], resources: ['services', 'endpoints'] },
    { verbs: ['get'], apiGroups: [''], resources: ['configmaps', 'secrets'] },
    { verbs: ['create', ...WRITE], apiGroups: ['', 'events.k8s.io'], resources: ['events'] },
    {
      verbs: ['create'],
      apiGroups: ['coordination.k8s.io'],
      resources: ['leases'],
      namespaces: [NODE_LEASE_NAMESPACE],
    },
    {
      verbs: ['create', ...READ],
      apiGroups: ['certificates.k8s.io'],
      resources: ['certificatesigningrequests'],
    },
    { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/openapi/*', '/version'] },
  ],
  own: [
    { verbs: [...WRITE, 'delete'], apiGroups: [''], resources: ['nodes'], resourceNames: [node] },
    { verbs: ['get', ...WRITE], apiGroups: [''], resources: ['nodes/status'], resourceNames: [node] },
    {
      verbs: ['get', ...WRITE, 'delete'],
      apiGroups: ['coordination.k8s.io'],
      resources: ['leases'],
      resourceNames: [node],
      namespaces: [NODE_LEASE_NAMESPACE],
    },
  ],
});

export class NodeAuthorizer implements Authorizer {
  async authorize(a: AuthorizationAttributes): Promise<AuthorizationDecision> {
    const node = nodeNameOf(a.user);
    if (node === undefined) return { allowed: false, reason: '' };
    const rules = nodeRules(node);
    if ([...rules.any, ...rules.own].some((r) => ruleAllows(r, a))) return { allowed: true, reason: 'node rules' };
    // Allowed for some name but not this one: say whose object it is.
    const someName = { ...a, name: node };
    if (isResourceRequest(a) && rules.own.some((r) => ruleAllows(r, someName))) {
      const what = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
      return { allowed: false, reason: `node "${node}" can only ${a.verb} its own ${what}` };
    }
    return { allowed: false, reason: `node "${node}" is not allowed to ${a.verb} this resource` };
  }
}
