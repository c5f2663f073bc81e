// What every client certificate request shares, as kube's csrsigning controller checks it: usages
// client auth, optionally with digital signature and key encipherment; a PKCS#10 request that parses.
import { CertificateSigningRequest, decodePemField, pemBlocks } from '@kubenest/api/certificates';
import * as x509 from '@kubenest/auth/pki/x509';

const ALLOWED_USAGES = new Set(['client auth', 'digital signature', 'key encipherment']);

/** The subject a client certificate is issued for. */
export interface ClientRequest {
  commonName: string;
  organizations: string[];
}

export interface Problem {
  problem: string;
}

export const isProblem = (read: object): read is Problem => 'problem' in read;

export const clientUsagesProblem = (usages: readonly string[]): Problem | undefined => {
  const invalid = usages.find((u) => !ALLOWED_USAGES.has(u));
  if (invalid) return { problem: `invalid usage for client certificate: ${invalid}` };
  if (!usages.includes('client auth')) return { problem: 'missing required usage for client certificate: client auth' };
  return undefined;
};

export const parseCertificateRequest = (csr: CertificateSigningRequest): x509.Pkcs10CertificateRequest | Problem => {
  const [block] = pemBlocks(decodePemField(csr.spec?.request));
  if (block?.label !== 'CERTIFICATE REQUEST') return { problem: 'the request is not a CERTIFICATE REQUEST PEM block' };
  try {
    return new x509.Pkcs10CertificateRequest(block.der);
  } catch (e) {
    return { problem: `the request does not parse: ${(e as Error).message}` };
  }
};
