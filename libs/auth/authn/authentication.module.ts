// Authentication for every route: the passport strategies, the token authenticators (starting with
// the static admin token) and AuthenticationGuard as the global guard.
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuthenticationGuard } from './authentication.guard';
import { BearerTokenStrategy } from './bearer-token.strategy';
import { ClientCertificateStrategy } from './client-certificate.strategy';
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
      imports: [PassportModule],
      providers: [
        {
          provide: TokenAuthenticators,
          useFactory: () => {
            const tokens = new TokenAuthenticators();
            tokens.add(adminTokenAuthenticator(options.adminToken));
            return tokens;
          },
        },
        ClientCertificateStrategy,
        BearerTokenStrategy,
        AuthenticationGuard,
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
      ],
      exports: [TokenAuthenticators, AuthenticationGuard],
    };
  }
}
