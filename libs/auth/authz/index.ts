// Authorization: the Authorizer interface, the authorizers in force and the 403 helper.
export { AuthorizationModule, clusterAuthorizer } from './authorization.module';
export { AUTHORIZER, isResourceRequest } from './authorizer';
export type { AuthorizationAttributes, AuthorizationDecision, Authorizer } from './authorizer';
export { authorizeRequest } from './authorize-request';
export {
  nonResourceAttributes,
  resourceAttributes,
  resourceVerb,
  selectedName,
  verbAttributes,
} from './request-attributes';
export type { ResourceAddress } from './request-attributes';
export { BootstrapAuthorizer } from './bootstrap-authorizer';
export { CLUSTER_INFO_NAME, CLUSTER_INFO_NAMESPACE, defaultPolicy } from './default-policy';
export { forbidden, forbiddenMessage } from './forbidden';
export { NODE_LEASE_NAMESPACE, NODE_USER_PREFIX, NodeAuthorizer, NODES_GROUP, nodeNameOf } from './node-authorizer';
export { NodeGraph } from './node-graph';
export type { NodeGraphView } from './node-graph';
export { MIRROR_POD_ANNOTATION, podReferences } from './pod-references';
export type { PodReference, ReferenceKind } from './pod-references';
export { PolicyAuthorizer } from './policy-authorizer';
export type { PolicyBinding, PolicyRule } from './policy-rule';
export { UnionAuthorizer } from './union-authorizer';
export {
  controllerPolicy,
  controllerServiceAccount,
  KUBE_CONTROLLER_MANAGER_USER,
  KUBE_SCHEDULER_USER,
  serviceAccountGroups,
} from './controller-policy';
