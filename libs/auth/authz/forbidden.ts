// The 403 a denied request answers, worded as kube-apiserver words it, e.g.
// `pods "web" is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace "default"`.
import { StatusError } from '@kubenest/apimachinery';
import { AuthorizationAttributes, isResourceRequest } from './authorizer';

// Go's %q, which these messages use, quotes as JSON does for ordinary text.
const q = (text: string): string => JSON.stringify(text);

export function forbiddenMessage(attributes: AuthorizationAttributes): string {
  const who = `User ${q(attributes.user.name)}`;
  if (!isResourceRequest(attributes)) return `${who} cannot ${attributes.verb} path ${q(attributes.path ?? '')}`;
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const scope = attributes.namespace ? `in the namespace ${q(attributes.namespace)}` : 'at the cluster scope';
  return `${who} cannot ${attributes.verb} resource ${q(resource)} in API group ${q(attributes.apiGroup)} ${scope}`;
}

export function forbidden(attributes: AuthorizationAttributes, reason: string): StatusError {
  const detail = reason ? `${forbiddenMessage(attributes)}: ${reason}` : forbiddenMessage(attributes);
  if (!isResourceRequest(attributes)) return new StatusError(403, 'Forbidden', `forbidden: ${detail}`);
  return StatusError.forbidden({ group: attributes.apiGroup, resource: attributes.resource }, attributes.name, detail);
}
