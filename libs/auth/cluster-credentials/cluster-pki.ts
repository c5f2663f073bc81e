// The cluster's PKI in <dataDir>/pki: made on first start, reused on the next ones. Each leaf is
// re-issued alone when it is missing, near expiry, from another CA or lacks a name now asked for.
import { Logger } from '@nestjs/common';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import {
  CertificateAndKey,
  CertificateAuthority,
  CertificateProfile,
  createCertificateAuthority,
  isReusable,
  issueCertificateAndKey,
  PRIVATE_MODE,
  PUBLIC_MODE,
  readIfExists,
  writeFileAtomic,
} from '@kubenest/pki';
import { ADMIN_USER, SYSTEM_MASTERS } from '../authn/user-info';

export interface ClusterPki {
  dir: string;
  ca: CertificateAuthority;
  /** The apiserver's HTTPS certificate. */
  serving: CertificateAndKey;
  /** The admin's client certificate: CN kubenest-admin, O system:masters. */
  admin: CertificateAndKey;
}

export interface ClusterPkiOptions {
  /** More names or addresses the serving certificate must cover (e.g. the bind address). */
  extraHosts?: readonly string[];
  /** Defaults to os.hostname(). */
  hostName?: string;
}

const LEAF_DAYS = 365;
// Names in-cluster clients use for the apiserver, as kube-apiserver's serving certificate has them.
const IN_CLUSTER_NAMES = [
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
];
const UNSPECIFIED_ADDRESSES = new Set(['0.0.0.0', '::']);

const logger = new Logger('ClusterPki');

export function servingHosts(options: ClusterPkiOptions = {}): string[] {
  const extra = (options.extraHosts ?? []).filter((h) => h && !UNSPECIFIED_ADDRESSES.has(h));
  const names = ['localhost', options.hostName ?? hostname(), ...IN_CLUSTER_NAMES, '127.0.0.1', '::1', ...extra];
  return [...new Set(names.map((n) => (isIP(n) ? n : n.toLowerCase())))];
}

export async function ensureClusterPki(dataDir: string, options: ClusterPkiOptions = {}): Promise<ClusterPki> {
  const dir = join(dataDir, 'pki');
  await mkdir(dir, { recursive: true, mode: 0o700 });

  let caRenewed = false;
  const ca = await ensurePair(dir, 'ca', {}, async () => {
    caRenewed = true;
    return createCertificateAuthority();
  });
  const leaf = (name: string, profile: CertificateProfile) =>
    ensurePair(dir, name, { caCertPem: ca.certPem, hosts: profile.hosts, force: caRenewed }, () =>
      issueCertificateAndKey(ca, profile),
    );

  const serving = await leaf('apiserver', {
    commonName: 'kube-apiserver',
    hosts: servingHosts(options),
    usages: ['server'],
    days: LEAF_DAYS,
  });
  const admin = await leaf('admin', {
    commonName: ADMIN_USER,
    organizations: [SYSTEM_MASTERS],
    usages: ['client'],
    days: LEAF_DAYS,
  });
  return { dir, ca, serving, admin };
}

async function ensurePair(
  dir: string,
  name: string,
  requirements: { caCertPem?: string; hosts?: readonly string[]; force?: boolean },
  create: () => Promise<CertificateAndKey>,
): Promise<CertificateAndKey> {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  const found = { certPem: await readIfExists(certPath), keyPem: await readIfExists(keyPath) };
  if (!requirements.force && isReusable(found, requirements)) return found as CertificateAndKey;

  if (found.certPem || found.keyPem) logger.log(`re-issuing ${name}.crt in ${dir}`);
  const pair = await create();
  await writeFileAtomic(keyPath, pair.keyPem, PRIVATE_MODE);
  await writeFileAtomic(certPath, pair.certPem, PUBLIC_MODE);
  return pair;
}
