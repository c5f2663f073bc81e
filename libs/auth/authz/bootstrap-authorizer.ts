// The first authorizer, until RBAC: system:masters may do anything (as Kubernetes' privileged-group
// authorizer allows), anyone may read the public-info paths; everything else is denied.
import { Injectable } from '@nestjs/common';
import { isAnonymousPath } from '../authn/anonymous-paths';
import { SYSTEM_MASTERS } from '../authn/user-info';
import { AuthorizationAttributes, AuthorizationDecision, Authorizer, isResourceRequest } from './authorizer';

@Injectable()
export class BootstrapAuthorizer implements Authorizer {
  async authorize(attributes: AuthorizationAttributes): Promise<AuthorizationDecision> {
    if (attributes.user.groups.includes(SYSTEM_MASTERS)) {
      return { allowed: true, reason: `${SYSTEM_MASTERS} may do anything` };
    }
    if (!isResourceRequest(attributes) && attributes.verb === 'get' && isAnonymousPath(attributes.path ?? '')) {
      return { allowed: true, reason: 'public information' };
    }
    return { allowed: false, reason: `only members of ${SYSTEM_MASTERS} are authorized until RBAC is enabled` };
  }
}
