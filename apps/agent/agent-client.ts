// The agent's ResourceClient: HTTPS with the node's (or a bootstrap) identity, naming itself as
// kubelet names itself in its user agent.
import { HttpsClientConfig, HttpsResourceClient } from '@kubenest/client';

export const AGENT_USER_AGENT = 'kubenest-agent/0.1';

export const agentClient = (config: Omit<HttpsClientConfig, 'userAgent'>): HttpsResourceClient =>
  new HttpsResourceClient({ ...config, userAgent: AGENT_USER_AGENT });
