// The certificates.k8s.io/v1 CertificateSigningRequest a node posts for its client certificate,
// with the signer and usages kube-controller-manager's kubelet-client signer approves.
import type { ICertificateSigningRequest } from 'kubernetes-models/certificates.k8s.io/v1/CertificateSigningRequest';

export type CertificateSigningRequest = Omit<ICertificateSigningRequest, 'metadata'> & {
  metadata: NonNullable<ICertificateSigningRequest['metadata']>;
};

export const KUBELET_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client-kubelet';
export const NODE_CLIENT_USAGES = ['digital signature', 'key encipherment', 'client auth'] as const;

export const nodeClientCsr = (csrPem: string): CertificateSigningRequest => ({
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { generateName: 'node-csr-' },
  spec: {
    request: Buffer.from(csrPem, 'utf8').toString('base64'),
    signerName: KUBELET_CLIENT_SIGNER,
    usages: [...NODE_CLIENT_USAGES],
  },
});

export type CsrOutcome = { certPem: string } | { refused: string } | { pending: true };

/** Issued, denied or failed (with the condition's reason and message), or still waiting. */
export function csrOutcome(csr: CertificateSigningRequest): CsrOutcome {
  const refusal = (csr.status?.conditions ?? []).find(
    (c) => (c.type === 'Denied' || c.type === 'Failed') && c.status !== 'False',
  );
  if (refusal)
    return {
      refused: `${refusal.type}${refusal.reason ? ` (${refusal.reason})` : ''}: ${refusal.message ?? ''}`.trim(),
    };
  if (csr.status?.certificate) return { certPem: Buffer.from(csr.status.certificate, 'base64').toString('utf8') };
  return { pending: true };
}
