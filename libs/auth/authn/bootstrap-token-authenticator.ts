// Authenticates bootstrap tokens against their Secrets in kube-system, read through the
// registry (the watch cache first), so that a token created with kubectl works at once.
import {
  bootstrapTokenSecretName,
  BootstrapTokenSecret,
  bootstrapTokenUser,
  BOOTSTRAP_TOKEN_NAMESPACE,
  parseBootstrapToken,
} from './bootstrap-token';
import { TokenAuthenticator } from './token-authenticator';
import { UserInfo } from './user-info';

export type SecretGetter = (namespace: string, name: string) => Promise<BootstrapTokenSecret | undefined>;

export class BootstrapTokenAuthenticator implements TokenAuthenticator {
  constructor(
    private readonly getSecret: SecretGetter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async authenticateToken(token: string): Promise<UserInfo | null> {
    const parsed = parseBootstrapToken(token);
    if (!parsed) return null;
    const secret = await this.getSecret(BOOTSTRAP_TOKEN_NAMESPACE, bootstrapTokenSecretName(parsed.id));
    if (!secret) return null;
    return bootstrapTokenUser(secret, parsed, this.now()) ?? null;
  }
}
