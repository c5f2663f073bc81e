// Issues leaf certificates from the cluster CA: serving certificates (with their SANs) and client
// certificates whose subject carries the Kubernetes identity (CN = user, O = groups).
import { isIP } from 'node:net';
import { CertificateAndKey, CertificateAuthority, randomSerialNumber, validity } from './certificate-authority';
import { crypto, exportPrivateKeyPem, generateKeyPair, importSigningKey } from './key-pair';
import * as x509 from './x509';

export type CertificateUsage = 'server' | 'client';

export interface CertificateProfile {
  commonName: string;
  /** Each becomes an O attribute; for client certificates these are the user's groups. */
  organizations?: readonly string[];
  /** Host names and IP addresses the certificate is valid for (SANs), mixed. */
  hosts?: readonly string[];
  usages: readonly CertificateUsage[];
  days: number;
}

const EXTENDED_USAGE: Record<CertificateUsage, x509.ExtendedKeyUsage> = {
  server: x509.ExtendedKeyUsage.serverAuth,
  client: x509.ExtendedKeyUsage.clientAuth,
};

/** Subject with O attributes before CN, as kubeadm writes its client certificates. */
export const subjectName = (commonName: string, organizations: readonly string[] = []): x509.JsonName => [
  ...organizations.map((o) => ({ O: [o] })),
  { CN: [commonName] },
];

/** Signs a certificate for the given public key (a WebCrypto key, SPKI PEM/DER or PublicKey). */
export async function issueCertificate(
  ca: CertificateAuthority,
  publicKey: x509.PublicKeyType,
  profile: CertificateProfile,
): Promise<string> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const signer = await importSigningKey(ca.keyPem);
  const subjectPublicKey = await x509.PublicKey.create(publicKey, crypto);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(keyUsagesFor(subjectPublicKey), true),
    new x509.ExtendedKeyUsageExtension(
      profile.usages.map((u) => EXTENDED_USAGE[u]),
      false,
    ),
    await authorityKeyIdentifier(caCert),
    await x509.SubjectKeyIdentifierExtension.create(subjectPublicKey, false, crypto),
  ];
  if (profile.hosts?.length) extensions.push(subjectAlternativeNames(profile.hosts));

  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerialNumber(),
      subject: subjectName(profile.commonName, profile.organizations),
      issuer: caCert.subjectName,
      ...validity(profile.days),
      publicKey: subjectPublicKey,
      signingKey: signer.key,
      signingAlgorithm: signer.algorithm,
      extensions,
    },
    crypto,
  );
  return cert.toString('pem') + '\n';
}

/** A fresh ECDSA key and a certificate for it. */
export async function issueCertificateAndKey(
  ca: CertificateAuthority,
  profile: CertificateProfile,
): Promise<CertificateAndKey> {
  const keys = await generateKeyPair();
  return {
    certPem: await issueCertificate(ca, keys.publicKey, profile),
    keyPem: await exportPrivateKeyPem(keys.privateKey),
  };
}

// RSA keys also encipher TLS 1.2 key exchanges; EC keys only sign.
const keyUsagesFor = (key: x509.PublicKey): x509.KeyUsageFlags =>
  key.algorithm.name.startsWith('RSA')
    ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
    : x509.KeyUsageFlags.digitalSignature;

// The CA's own key identifier when it has one, so chains build even for a CA made elsewhere.
async function authorityKeyIdentifier(caCert: x509.X509Certificate): Promise<x509.AuthorityKeyIdentifierExtension> {
  const ski = caCert.getExtension(x509.SubjectKeyIdentifierExtension);
  if (ski) return new x509.AuthorityKeyIdentifierExtension(ski.keyId, false);
  return x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey, false, crypto);
}

const subjectAlternativeNames = (hosts: readonly string[]): x509.SubjectAlternativeNameExtension =>
  new x509.SubjectAlternativeNameExtension(
    [...new Set(hosts)].map((host) => ({ type: isIP(host) ? ('ip' as const) : ('dns' as const), value: host })),
    false,
  );
