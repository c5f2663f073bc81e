// Allows what a fixed set of policy bindings grants; has no opinion (empty reason) otherwise.
import { AuthorizationAttributes, AuthorizationDecision, Authorizer } from './authorizer';
import { bindingApplies, PolicyBinding, ruleAllows } from './policy-rule';

export class PolicyAuthorizer implements Authorizer {
  constructor(private readonly bindings: readonly PolicyBinding[]) {}

  async authorize(a: AuthorizationAttributes): Promise<AuthorizationDecision> {
    const allowed = this.bindings.some((b) => bindingApplies(b, a) && b.rules.some((r) => ruleAllows(r, a)));
    return { allowed, reason: allowed ? 'allowed by the default policy' : '' };
  }
}
