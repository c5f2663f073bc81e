// The admin kubeconfig: one cluster, user and context named "kubenest", credentials embedded as
// base64 data so the file works wherever it is copied.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { PRIVATE_MODE, writeFileAtomic } from '@kubenest/pki';

export const KUBECONFIG_NAME = 'kubenest';

export interface KubeconfigCredentials {
  /** e.g. https://127.0.0.1:6443 */
  server: string;
  caPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

export const adminKubeconfigPath = (dataDir: string): string => join(dataDir, 'admin.kubeconfig');

const base64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');

export function buildKubeconfig(credentials: KubeconfigCredentials, name = KUBECONFIG_NAME): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [
      {
        name,
        cluster: { server: credentials.server, 'certificate-authority-data': base64(credentials.caPem) },
      },
    ],
    users: [
      {
        name,
        user: {
          'client-certificate-data': base64(credentials.clientCertPem),
          'client-key-data': base64(credentials.clientKeyPem),
        },
      },
    ],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
  });
}

/** Written with mode 0600: it holds the admin's private key. */
export async function writeAdminKubeconfig(path: string, credentials: KubeconfigCredentials): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, buildKubeconfig(credentials), PRIVATE_MODE);
}
