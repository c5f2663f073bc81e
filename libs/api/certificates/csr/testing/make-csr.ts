// Test support: real PKCS#10 requests and the CertificateSigningRequest objects that carry them.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { CertificateSigningRequest, encodePemField, KeyUsage, KUBELET_CLIENT_SIGNER } from '../../types';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

/** A new key (PKCS#8 PEM, to use the certificate issued) and a PEM CSR for the subject made with it. */
export const makeKeyAndRequestPem = async (
  subject: string,
  options: { dnsNames?: string[] } = {},
): Promise<{ requestPem: string; keyPem: string }> => {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const extensions = options.dnsNames
    ? [new x509.SubjectAlternativeNameExtension(options.dnsNames.map((value) => ({ type: 'dns' as const, value })))]
    : [];
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    { name: subject, keys, signingAlgorithm: ALGORITHM, extensions },
    webcrypto,
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { requestPem: csr.toString('pem'), keyPem };
};

/** A PEM CSR for the subject, e.g. "CN=system:node:w1, O=system:nodes". */
export const makeRequestPem = async (subject: string, options: { dnsNames?: string[] } = {}): Promise<string> =>
  (await makeKeyAndRequestPem(subject, options)).requestPem;

export const makeCsr = (
  requestPem: string,
  spec: Partial<CertificateSigningRequest['spec']> = {},
  name = 'node-csr-1',
): CertificateSigningRequest => ({
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name },
  spec: {
    request: encodePemField(requestPem),
    signerName: KUBELET_CLIENT_SIGNER,
    usages: ['digital signature', 'client auth'] as KeyUsage[],
    ...spec,
  },
});
