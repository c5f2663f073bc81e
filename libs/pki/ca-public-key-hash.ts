// The CA pin a joining agent checks (kubeadm's --discovery-token-ca-cert-hash): "sha256:" and the
// lowercase hex SHA-256 of the CA certificate's DER SubjectPublicKeyInfo.
import { createHash, X509Certificate } from 'node:crypto';

export function caPublicKeyHash(caCertPem: string): string {
  const spki = new X509Certificate(caCertPem).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(spki).digest('hex')}`;
}
