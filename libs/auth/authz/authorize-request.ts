// What the HTTP layer calls once it knows a request's attributes: returns when allowed, throws the
// 403 Status otherwise.
import { AuthorizationAttributes, Authorizer } from './authorizer';
import { forbidden } from './forbidden';

export async function authorizeRequest(authorizer: Authorizer, attributes: AuthorizationAttributes): Promise<void> {
  const decision = await authorizer.authorize(attributes);
  if (!decision.allowed) throw forbidden(attributes, decision.reason);
}
