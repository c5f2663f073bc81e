// The cluster CA: a self-signed certificate that signs the serving and client certificates and
// that the apiserver trusts for client-certificate authentication.
import { randomBytes } from 'node:crypto';
import { exportPrivateKeyPem, generateKeyPair, P256, crypto } from './key-pair';
import * as x509 from './x509';

/** A certificate and its private key, both PEM. */
export interface CertificateAndKey {
  certPem: string;
  keyPem: string;
}

export type CertificateAuthority = CertificateAndKey;

const DAY_MS = 24 * 60 * 60 * 1000;
// Issued a little in the past so that a peer whose clock lags slightly accepts it at once.
export const BACKDATE_MS = 5 * 60 * 1000;

/** A positive 127-bit serial number, as RFC 5280 asks (at most 20 octets, unpredictable). */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return bytes.toString('hex');
}

export const validity = (days: number, now = Date.now()): { notBefore: Date; notAfter: Date } => ({
  notBefore: new Date(now - BACKDATE_MS),
  notAfter: new Date(now + days * DAY_MS),
});

export async function createCertificateAuthority(
  commonName = 'kubenest-ca',
  days = 3650,
): Promise<CertificateAuthority> {
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerialNumber(),
      name: [{ CN: [commonName] }],
      ...validity(days),
      keys,
      signingAlgorithm: P256,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return { certPem: cert.toString('pem') + '\n', keyPem: await exportPrivateKeyPem(keys.privateKey) };
}
