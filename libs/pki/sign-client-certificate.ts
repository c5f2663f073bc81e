// Signs client certificates for identities the cluster grants (node agents joining, users):
// the subject comes from the caller, never from the request, as the CSR API's signers decide it.
import { CertificateAuthority } from './certificate-authority';
import { issueCertificate } from './issue-certificate';
import { crypto, CryptoKey } from './key-pair';
import * as x509 from './x509';

export interface ClientCertificateOptions {
  commonName: string;
  organizations?: readonly string[];
  days?: number;
}

/**
 * `request` is a PKCS#10 CSR PEM (its signature is checked: the requester holds the key), a
 * public key PEM, or a WebCrypto public key. Returns the certificate PEM.
 */
export async function signClientCertificate(
  ca: CertificateAuthority,
  request: string | CryptoKey,
  options: ClientCertificateOptions,
): Promise<string> {
  const publicKey = typeof request === 'string' ? await publicKeyOf(request) : request;
  return issueCertificate(ca, publicKey, {
    commonName: options.commonName,
    organizations: options.organizations,
    usages: ['client'],
    days: options.days ?? 365,
  });
}

async function publicKeyOf(pem: string): Promise<x509.PublicKey> {
  if (pem.includes('CERTIFICATE REQUEST-----')) {
    const csr = new x509.Pkcs10CertificateRequest(pem);
    if (!(await csr.verify(crypto))) throw new Error('the certificate signing request is not signed by its key');
    return csr.publicKey;
  }
  if (pem.includes('PUBLIC KEY-----')) return new x509.PublicKey(pem);
  throw new Error('expected a CERTIFICATE REQUEST or PUBLIC KEY PEM block');
}
