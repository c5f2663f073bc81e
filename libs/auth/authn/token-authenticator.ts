// Bearer token authentication: each TokenAuthenticator knows one kind of token (the static admin
// token now; service account and bootstrap tokens later) and the union asks them in turn.
import { Injectable } from '@nestjs/common';
import { AuthenticationResult } from './authentication-result';
import { UserInfo } from './user-info';

export interface TokenAuthenticator {
  /** null: not a token of this kind. Throws when it is one but is expired, revoked or malformed. */
  authenticateToken(token: string): Promise<UserInfo | null>;
}

/** The token authenticators in force; other modules add theirs at start-up. */
@Injectable()
export class TokenAuthenticators {
  private readonly authenticators: TokenAuthenticator[] = [];

  add(authenticator: TokenAuthenticator): void {
    this.authenticators.push(authenticator);
  }

  // As Kubernetes' union authenticator: the first to recognise the token wins; errors count only
  // when none does, and a token nobody recognises is invalid.
  async authenticate(token: string): Promise<AuthenticationResult> {
    const errors: string[] = [];
    for (const authenticator of this.authenticators) {
      try {
        const user = await authenticator.authenticateToken(token);
        if (user) return { user };
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    return { error: errors.length ? errors.join('; ') : 'invalid bearer token' };
  }
}
