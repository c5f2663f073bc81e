import { X509Certificate } from 'node:crypto';
import { createCertificateAuthority } from './certificate-authority';
import { crypto, generateKeyPair, P256 } from './key-pair';
import { signClientCertificate } from './sign-client-certificate';
import * as x509 from './x509';

describe('signClientCertificate', () => {
  const subjectOf = (pem: string) => new X509Certificate(pem).subject.split('\n').sort();

  it('signs a CSR with the subject the caller grants, not the one requested', async () => {
    const ca = await createCertificateAuthority();
    const keys = await generateKeyPair();
    const csr = await x509.Pkcs10CertificateRequestGenerator.create(
      { name: 'CN=someone-else, O=system:masters', keys, signingAlgorithm: P256 },
      crypto,
    );
    const certPem = await signClientCertificate(ca, csr.toString('pem'), {
      commonName: 'system:node:worker-1',
      organizations: ['system:nodes'],
      days: 30,
    });
    const cert = new X509Certificate(certPem);
    expect(subjectOf(certPem)).toEqual(['CN=system:node:worker-1', 'O=system:nodes']);
    expect(cert.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    const lifetimeDays = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000;
    expect(Math.round(lifetimeDays)).toBe(30);
    const publicKey = Buffer.from(await crypto.subtle.exportKey('spki', keys.publicKey));
    expect(cert.publicKey.export({ type: 'spki', format: 'der' })).toEqual(publicKey);
  });

  it('signs a bare public key PEM or CryptoKey', async () => {
    const ca = await createCertificateAuthority();
    const keys = await generateKeyPair();
    const spki = Buffer.from(await crypto.subtle.exportKey('spki', keys.publicKey)).toString('base64');
    const pem = `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`;
    expect(subjectOf(await signClientCertificate(ca, pem, { commonName: 'alice' }))).toEqual(['CN=alice']);
    expect(subjectOf(await signClientCertificate(ca, keys.publicKey, { commonName: 'bob' }))).toEqual(['CN=bob']);
  });

  it('refuses a CSR whose signature does not match its key', async () => {
    const ca = await createCertificateAuthority();
    const csr = await x509.Pkcs10CertificateRequestGenerator.create(
      { name: 'CN=x', keys: await generateKeyPair(), signingAlgorithm: P256 },
      crypto,
    );
    const der = Buffer.from(csr.rawData);
    der[der.length - 5] ^= 0xff;
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    await expect(signClientCertificate(ca, tampered, { commonName: 'x' })).rejects.toThrow(/not signed by its key/);
  });

  it('refuses anything else', async () => {
    const ca = await createCertificateAuthority();
    await expect(signClientCertificate(ca, 'hello', { commonName: 'x' })).rejects.toThrow(
      /expected a CERTIFICATE REQUEST/,
    );
  });
});
