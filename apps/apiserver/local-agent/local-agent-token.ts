// The bootstrap token the local agent joins with: created by the apiserver itself (a kube-system
// Secret written through the API as system:apiserver, as `kubeadm token create` would),
// short-lived, and deleted once the agent has joined (or exited), the next one replaces it, or the
// control plane stops.
import { Logger } from '@nestjs/common';
import { StatusError } from '@kubenest/apimachinery';
import {
  BOOTSTRAP_TOKEN_NAMESPACE,
  bootstrapTokenSecret,
  bootstrapTokenSecretName,
  DEFAULT_NODE_TOKEN_GROUP,
  formatBootstrapToken,
  generateBootstrapToken,
} from '@kubenest/auth/authn/bootstrap-token';
import type { ResourceInterface } from '@kubenest/client';

/** Long enough for a join, even a slow one; a running agent needs no token. */
const TOKEN_TTL_MS = 60 * 60 * 1000;

const logger = new Logger('LocalAgent');

export class LocalAgentTokens {
  private current?: string;

  /** `secrets` is the Secrets resource as the apiserver's own client sees it. */
  constructor(private readonly secrets: ResourceInterface) {}

  /** A new token for the next start of the agent; the previous one stops working. */
  async next(nodeName: string): Promise<string> {
    await this.revoke();
    const token = generateBootstrapToken();
    const secret = bootstrapTokenSecret(token, {
      expiration: new Date(Date.now() + TOKEN_TTL_MS),
      description: `local agent of node ${nodeName}`,
      groups: [DEFAULT_NODE_TOKEN_GROUP],
    });
    await this.secrets.create(secret);
    this.current = token.id;
    return formatBootstrapToken(token);
  }

  /** Deletes the current token; given one, only if that is still the current one. */
  async revoke(token?: string): Promise<void> {
    const id = this.current;
    if (!id || (token !== undefined && !token.startsWith(`${id}.`))) return;
    this.current = undefined;
    try {
      await this.secrets.delete(BOOTSTRAP_TOKEN_NAMESPACE, bootstrapTokenSecretName(id));
    } catch (e) {
      if (!(StatusError.is(e) && e.code === 404))
        logger.warn(`could not delete bootstrap token ${id}: ${(e as Error).message}`);
    }
  }
}
