// Authorization as Kubernetes asks it: may this user do this verb on this resource (or path)?
import { UserInfo } from '../authn/user-info';

/** Kubernetes' authorizer.Attributes: resource requests name a resource, the others a path. */
export interface AuthorizationAttributes {
  user: UserInfo;
  /** get, list, watch, create, update, patch, delete, deletecollection; or an HTTP verb lowercased for non-resource paths. */
  verb: string;
  apiGroup: string;
  /** Empty for non-resource requests (/version, /api, /openapi/v3, ...). */
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** The request path; what non-resource requests are authorized on. */
  path?: string;
}

export interface AuthorizationDecision {
  allowed: boolean;
  /** Why: shown to the user after the Forbidden message when not allowed. */
  reason: string;
}

export interface Authorizer {
  authorize(attributes: AuthorizationAttributes): Promise<AuthorizationDecision>;
}

/** Nest injection token for the Authorizer in force. */
export const AUTHORIZER = Symbol('Authorizer');

export const isResourceRequest = (attributes: AuthorizationAttributes): boolean => attributes.resource !== '';
