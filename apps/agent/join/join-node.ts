// The node's identity: the stored one when it is still good (a restart does not join again),
// otherwise kubeadm's join: discover and pin the CA, then TLS-bootstrap a client certificate,
// each step retried while the control plane cannot answer.
import { Logger } from '@nestjs/common';
import { splitBootstrapToken } from './bootstrap-token';
import { DiscoveredCluster } from './discover-cluster-ca.step';
import { JoinError } from './join-error';
import { NodeCredentials, readNodeCredentials, writeNodeCredentials } from './node-credentials';
import { createNodeKeyAndCsr } from './node-key-and-csr';
import { retryTransient } from './retry-transient';

export interface JoinSettings {
  server: string;
  nodeName: string;
  /** Where kubelet.kubeconfig and the key live for this node. */
  dir: string;
  token?: string;
  caCertHash?: string;
}

export interface JoinDeps {
  discover: (server: string, token: { id: string; secret: string }, caCertHash: string) => Promise<DiscoveredCluster>;
  /** Posts the CSR with the bootstrap token, trusting only caPem; returns the certificate PEM. */
  requestCertificate: (csrPem: string, caPem: string, token: string) => Promise<string>;
  /** Waits between retries of a step that failed for a passing reason. */
  sleep: (ms: number) => Promise<void>;
}

const logger = new Logger('Join');

export interface JoinResult {
  credentials: NodeCredentials;
  joined: boolean;
}

export const joinNode =
  (deps: JoinDeps) =>
  async (settings: JoinSettings): Promise<JoinResult> => {
    const stored = await readNodeCredentials(settings.dir, settings.nodeName);
    if (stored) return { credentials: { ...stored, server: settings.server }, joined: false };
    if (!settings.token) {
      throw new JoinError(`--token is required to join: there is no usable identity in ${settings.dir} yet`);
    }
    if (!settings.caCertHash) {
      throw new JoinError('--ca-cert-hash is required to join: it pins the control plane CA (sha256:<hex>)');
    }
    const { token, caCertHash } = settings;
    const { caPem } = await retryTransient(
      `discovering the cluster CA at ${settings.server}`,
      () => deps.discover(settings.server, splitBootstrapToken(token), caCertHash),
      deps.sleep,
    );
    const { keyPem, csrPem } = await createNodeKeyAndCsr(settings.nodeName);
    const certPem = await retryTransient(
      `requesting the certificate of node ${settings.nodeName}`,
      () => deps.requestCertificate(csrPem, caPem, token),
      deps.sleep,
    );
    const credentials = { server: settings.server, caPem, certPem, keyPem };
    await writeNodeCredentials(settings.dir, settings.nodeName, credentials);
    logger.log(`node ${settings.nodeName} joined ${settings.server}; identity stored in ${settings.dir}`);
    return { credentials, joined: true };
  };
