// Tokens fixed at start-up, each mapped to a user: the admin token from <dataDir>/admin.token.
import { createHash, timingSafeEqual } from 'node:crypto';
import { TokenAuthenticator } from './token-authenticator';
import { ADMIN_USER, SYSTEM_MASTERS, UserInfo } from './user-info';

// Compared as digests so that neither the length nor the content leaks through timing.
const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export class StaticTokenAuthenticator implements TokenAuthenticator {
  private readonly entries: { digest: Buffer; user: UserInfo }[];

  constructor(tokens: ReadonlyArray<{ token: string; user: UserInfo }>) {
    this.entries = tokens.map(({ token, user }) => ({ digest: digest(token), user }));
  }

  async authenticateToken(token: string): Promise<UserInfo | null> {
    const presented = digest(token);
    const match = this.entries.find((entry) => timingSafeEqual(entry.digest, presented));
    return match ? { ...match.user, groups: [...match.user.groups] } : null;
  }
}

export const adminTokenAuthenticator = (adminToken: string): StaticTokenAuthenticator =>
  new StaticTokenAuthenticator([{ token: adminToken, user: { name: ADMIN_USER, groups: [SYSTEM_MASTERS] } }]);
