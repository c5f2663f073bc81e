// The node's identity on disk: <dir>/kubelet.kubeconfig (server, CA, client certificate) and
// <dir>/kubelet-client.key, both 0600, as kubelet keeps its bootstrapped credentials. Usable by
// kubectl too: `kubectl --kubeconfig <dir>/kubelet.kubeconfig get node <name>`.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { PRIVATE_MODE, readIfExists, writeFileAtomic } from '@kubenest/pki/secret-files';
import { nodeUser } from './node-key-and-csr';

export interface NodeCredentials {
  server: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

export const kubeconfigPath = (dir: string): string => join(dir, 'kubelet.kubeconfig');
export const clientKeyPath = (dir: string): string => join(dir, 'kubelet-client.key');

// Re-joined this long before expiry, so a running node never presents an expired certificate.
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

export async function writeNodeCredentials(dir: string, nodeName: string, creds: NodeCredentials): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const user = nodeUser(nodeName);
  const b64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubenest', cluster: { server: creds.server, 'certificate-authority-data': b64(creds.caPem) } }],
    users: [{ name: user, user: { 'client-certificate-data': b64(creds.certPem), 'client-key': clientKeyPath(dir) } }],
    contexts: [{ name: user, context: { cluster: 'kubenest', user } }],
    'current-context': user,
  };
  await writeFileAtomic(clientKeyPath(dir), creds.keyPem, PRIVATE_MODE);
  await writeFileAtomic(kubeconfigPath(dir), stringify(kubeconfig), PRIVATE_MODE);
}

interface StoredKubeconfig {
  clusters?: { cluster?: { server?: string; 'certificate-authority-data'?: string } }[];
  users?: { user?: { 'client-certificate-data'?: string; 'client-key'?: string } }[];
}

/** The stored credentials when present, readable and still good for this node; otherwise undefined. */
export async function readNodeCredentials(
  dir: string,
  nodeName: string,
  now = Date.now(),
): Promise<NodeCredentials | undefined> {
  const text = await readIfExists(kubeconfigPath(dir));
  if (!text) return undefined;
  try {
    const config = parse(text) as StoredKubeconfig;
    const cluster = config.clusters?.[0]?.cluster;
    const user = config.users?.[0]?.user;
    const keyPem = user?.['client-key'] ? await readIfExists(user['client-key']) : undefined;
    if (!cluster?.server || !cluster['certificate-authority-data'] || !user?.['client-certificate-data'] || !keyPem) {
      return undefined;
    }
    const creds: NodeCredentials = {
      server: cluster.server,
      caPem: Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8'),
      certPem: Buffer.from(user['client-certificate-data'], 'base64').toString('utf8'),
      keyPem,
    };
    return credentialsAreGood(creds, nodeName, now) ? creds : undefined;
  } catch {
    return undefined;
  }
}

export function credentialsAreGood(creds: NodeCredentials, nodeName: string, now = Date.now()): boolean {
  try {
    const cert = new X509Certificate(creds.certPem);
    const ca = new X509Certificate(creds.caPem);
    const subject = cert.subject.split('\n');
    return (
      cert.checkPrivateKey(createPrivateKey(creds.keyPem)) &&
      cert.verify(ca.publicKey) &&
      subject.includes(`CN=${nodeUser(nodeName)}`) &&
      Date.parse(cert.validTo) - now > RENEW_BEFORE_MS &&
      Date.parse(cert.validFrom) <= now
    );
  } catch {
    return false;
  }
}
