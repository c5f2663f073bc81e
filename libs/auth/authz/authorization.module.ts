// Provides the Authorizer in force under the AUTHORIZER token: the Node authorizer, the default
// policy (bootstrap tokens, anonymous discovery), then system:masters and the public paths.
import { Global, Module } from '@nestjs/common';
import { AUTHORIZER } from './authorizer';
import { BootstrapAuthorizer } from './bootstrap-authorizer';
import { defaultPolicy } from './default-policy';
import { NodeAuthorizer } from './node-authorizer';
import { PolicyAuthorizer } from './policy-authorizer';
import { UnionAuthorizer } from './union-authorizer';

export const clusterAuthorizer = (): UnionAuthorizer =>
  new UnionAuthorizer([new NodeAuthorizer(), new PolicyAuthorizer(defaultPolicy), new BootstrapAuthorizer()]);

@Global()
@Module({
  providers: [{ provide: AUTHORIZER, useFactory: clusterAuthorizer }],
  exports: [AUTHORIZER],
})
export class AuthorizationModule {}
