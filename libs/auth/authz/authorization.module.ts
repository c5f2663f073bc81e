// Provides the Authorizer in force under the AUTHORIZER token (the bootstrap one until RBAC).
import { Global, Module } from '@nestjs/common';
import { AUTHORIZER } from './authorizer';
import { BootstrapAuthorizer } from './bootstrap-authorizer';

@Global()
@Module({
  providers: [BootstrapAuthorizer, { provide: AUTHORIZER, useExisting: BootstrapAuthorizer }],
  exports: [AUTHORIZER],
})
export class AuthorizationModule {}
