// What a node agent (user system:node:<name> in system:nodes) may do, as kube's Node authorizer
// and system:node role grant it: it reads the secrets and config maps its own pods name, one by
// name, and creates tokens for their service accounts (asked of the graph); it reads any pod,
// service and endpoints, writes its own Node, Lease and events, and pods' status. Which pods it
// may change, and the names of objects created by POST, are checked on the object by the
// NodeRestriction plugin.
import { controlPath } from '@kubenest/node-protocol';
import { AuthorizationAttributes, AuthorizationDecision, Authorizer, isResourceRequest } from './authorizer';
import { NodeGraphView } from './node-graph';
import { ReferenceKind } from './pod-references';
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
    // The node's own tunnel, its control socket and the streams it dials back.
    { verbs: ['get'], nonResourceURLs: [controlPath(node), `${controlPath(node)}/streams/*`] },
  ],
});

/** The core resources a node reaches only through its pods. */
const READ_THROUGH_PODS: Record<string, ReferenceKind> = { secrets: 'secret', configmaps: 'configmap' };

const deny = (reason: string): AuthorizationDecision => ({ allowed: false, reason });

export class NodeAuthorizer implements Authorizer {
  constructor(private readonly graph: NodeGraphView) {}

  async authorize(a: AuthorizationAttributes): Promise<AuthorizationDecision> {
    const node = nodeNameOf(a.user);
    if (node === undefined) return deny('');
    if (isResourceRequest(a) && a.apiGroup === '') {
      const kind = READ_THROUGH_PODS[a.resource];
      if (kind) return this.authorizeRead(node, kind, a);
      if (a.resource === 'serviceaccounts') return this.authorizeCreateToken(node, a);
    }
    return this.authorizeByRules(node, a);
  }

  /** As kube's authorizeReadNamespacedObject: get, list or watch of one named object. */
  private authorizeRead(node: string, kind: ReferenceKind, a: AuthorizationAttributes): AuthorizationDecision {
    if (!['get', 'list', 'watch'].includes(a.verb)) return deny('can only read resources of this type');
    if (a.subresource) return deny('cannot read subresource');
    if (!a.namespace) return deny('can only read namespaced object of this type');
    return this.authorizeThroughPods(node, kind, a);
  }

  /** As kube's authorizeCreateToken: serviceaccounts/token of a pod's service account. */
  private authorizeCreateToken(node: string, a: AuthorizationAttributes): AuthorizationDecision {
    if (a.verb !== 'create' || !a.name) return deny('can only create tokens for individual service accounts');
    if (a.subresource !== 'token') return deny('can only create token subresource of serviceaccount');
    return this.authorizeThroughPods(node, 'serviceaccount', a);
  }

  private authorizeThroughPods(node: string, kind: ReferenceKind, a: AuthorizationAttributes): AuthorizationDecision {
    if (!a.name) return deny('No Object name found');
    if (this.graph.references(node, kind, a.namespace, a.name)) return { allowed: true, reason: 'referenced by a pod' };
    return deny(`no relationship found between node '${node}' and this object`);
  }

  private authorizeByRules(node: string, a: AuthorizationAttributes): AuthorizationDecision {
    const rules = nodeRules(node);
    if ([...rules.any, ...rules.own].some((r) => ruleAllows(r, a))) return { allowed: true, reason: 'node rules' };
    // Allowed for some name but not this one: say whose object it is.
    const someName = { ...a, name: node };
    if (isResourceRequest(a) && rules.own.some((r) => ruleAllows(r, someName))) {
      const what = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
      return deny(`node "${node}" can only ${a.verb} its own ${what}`);
    }
    return deny(`node "${node}" is not allowed to ${a.verb} this resource`);
  }
}
