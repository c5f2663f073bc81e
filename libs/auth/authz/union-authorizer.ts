// Asks several authorizers in turn, as kube-apiserver's authorizer chain: the first to allow
// wins; a denial carries the reason of the first that gave one (an empty reason is no opinion).
import { AuthorizationAttributes, AuthorizationDecision, Authorizer } from './authorizer';

export class UnionAuthorizer implements Authorizer {
  constructor(private readonly authorizers: readonly Authorizer[]) {}

  async authorize(a: AuthorizationAttributes): Promise<AuthorizationDecision> {
    let reason = '';
    for (const authorizer of this.authorizers) {
      const decision = await authorizer.authorize(a);
      if (decision.allowed) return decision;
      reason ||= decision.reason;
    }
    return { allowed: false, reason };
  }
}
