// Authentication for every request: the token authenticators (starting with the static admin
// token), the RequestAuthenticator the request pipeline calls, and AuthenticationGuard as the global guard.
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthenticationGuard } from './authentication.guard';
import { RequestAuthenticator } from './request-authenticator';
import { adminTokenAuthenticator } from './static-token-authenticator';
import { TokenAuthenticators } from './token-authenticator';

export interface AuthenticationModuleOptions {
  /** The token in <dataDir>/admin.token (see ensureAdminToken). */
  adminToken: string;
}

@Module({})
export class AuthenticationModule {
  static forRoot(options: AuthenticationModuleOptions): DynamicModule {
    return {
      module: AuthenticationModule,
      global: true,
      providers: [
        {
          provide: TokenAuthenticators,
          useFactory: () => {
            const tokens = new TokenAuthenticators();
            tokens.add(adminTokenAuthenticator(options.adminToken));
            return tokens;
          },
        },
        RequestAuthenticator,
        AuthenticationGuard,
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
      ],
      exports: [TokenAuthenticators, RequestAuthenticator],
    };
  }
}
