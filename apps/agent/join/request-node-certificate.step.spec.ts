import { StatusError } from '@kubenest/apimachinery';
import { CertificateSigningRequest, KUBELET_CLIENT_SIGNER } from './certificate-signing-request';
import { JoinError } from './join-error';
import { requestNodeCertificate } from './request-node-certificate.step';

const certPem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const pending = (name: string): CertificateSigningRequest => ({
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name },
  spec: { request: '', signerName: '' },
});
const issued = (name: string): CertificateSigningRequest => ({
  ...pending(name),
  spec: { request: '', signerName: KUBELET_CLIENT_SIGNER },
  status: { certificate: Buffer.from(certPem).toString('base64') },
});
const denied = (name: string): CertificateSigningRequest => ({
  ...pending(name),
  status: { conditions: [{ type: 'Denied', status: 'True', reason: 'NotANode', message: 'CN is not a node' }] },
});

const run = (created: () => Promise<CertificateSigningRequest>, polls: (CertificateSigningRequest | Error)[]) => {
  let clock = 0;
  const posted: CertificateSigningRequest[] = [];
  const step = requestNodeCertificate({
    createCsr: async (csr) => (posted.push(csr), created()),
    getCsr: async () => {
      const next = polls.shift() ?? pending('node-csr-x');
      if (next instanceof Error) throw next;
      return next;
    },
    sleep: async (ms) => void (clock += ms),
    now: () => clock,
  });
  return { result: step('CSR PEM', { server: 'https://s', pollMs: 500, timeoutMs: 5000 }), posted };
};

describe('requestNodeCertificate', () => {
  it('posts a kubelet client CSR and returns the certificate once issued', async () => {
    const { result, posted } = run(async () => pending('node-csr-x'), [pending('node-csr-x'), issued('node-csr-x')]);
    await expect(result).resolves.toBe(certPem);
    expect(posted[0].spec).toEqual({
      request: Buffer.from('CSR PEM').toString('base64'),
      signerName: 'kubernetes.io/kube-apiserver-client-kubelet',
      usages: ['digital signature', 'key encipherment', 'client auth'],
    });
    expect(posted[0].metadata).toEqual({ generateName: 'node-csr-' });
  });

  it.each([
    {
      name: 'a refused token',
      created: new StatusError(401, 'Unauthorized', 'Unauthorized'),
      polls: [],
      error: /refused the bootstrap token \(401 Unauthorized\).*check --token/,
    },
    {
      name: 'a token without the right',
      created: new StatusError(403, 'Forbidden', 'nope'),
      polls: [],
      error: /may not request a node certificate \(403 Forbidden\): nope/,
    },
    {
      name: 'a denied request',
      created: undefined,
      polls: [denied('node-csr-x')],
      error: /refused the node's certificate request node-csr-x: Denied \(NotANode\): CN is not a node/,
    },
    { name: 'no approver', created: undefined, polls: [], error: /was not signed in time/ },
  ])('fails with a JoinError on $name', async ({ created, polls, error }) => {
    const { result } = run(async () => {
      if (created) throw created;
      return pending('node-csr-x');
    }, polls);
    await expect(result).rejects.toBeInstanceOf(JoinError);
    await expect(result).rejects.toThrow(error);
  });

  it('keeps polling through a transient error', async () => {
    const { result } = run(async () => pending('node-csr-x'), [new Error('socket hang up'), issued('node-csr-x')]);
    await expect(result).resolves.toBe(certPem);
  });
});
