// Decides whether a certificate found on disk can be used again at start-up: it must parse, match
// its key, come from the current CA, stay valid a while longer and cover every name asked for.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { CertificateAndKey } from './certificate-authority';

// Re-issued this long before expiry, so a long-running server never presents an expired one.
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

export interface ReuseRequirements {
  /** The issuing CA's certificate; omitted for the CA itself. */
  caCertPem?: string;
  hosts?: readonly string[];
  now?: number;
}

export function isReusable(pair: Partial<CertificateAndKey>, requirements: ReuseRequirements = {}): boolean {
  if (!pair.certPem || !pair.keyPem) return false;
  try {
    const cert = new X509Certificate(pair.certPem);
    if (!cert.checkPrivateKey(createPrivateKey(pair.keyPem))) return false;
    if (Date.parse(cert.validTo) - (requirements.now ?? Date.now()) < RENEW_BEFORE_MS) return false;
    if (requirements.caCertPem) {
      const ca = new X509Certificate(requirements.caCertPem);
      if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return false;
    }
    return (requirements.hosts ?? []).every((host) => coversHost(cert, host));
  } catch {
    return false;
  }
}

const coversHost = (cert: X509Certificate, host: string): boolean =>
  isIP(host)
    ? cert.checkIP(host) !== undefined
    : cert.checkHost(host, { wildcards: false, subject: 'never' }) !== undefined;
