import { X509Certificate } from 'node:crypto';
import { CertificateSigningRequest, decodePemField, KUBE_APISERVER_CLIENT_SIGNER } from '@kubenest/api/certificates';
import { makeCsr, makeRequestPem } from '@kubenest/api/certificates/csr/testing/make-csr';
import { createCertificateAuthority, signClientCertificate } from '@kubenest/pki';
import { signClientCertificates, signingDays, SignRequest } from './sign-client-certificate.step';

const approved = { conditions: [{ type: 'Approved', status: 'True' }] };
const now = () => new Date('2025-01-01T00:00:00Z');
let nodePem: string;
let mastersPem: string;
let alicePem: string;
let noNamePem: string;

beforeAll(async () => {
  nodePem = await makeRequestPem('CN=system:node:w1, O=system:nodes');
  mastersPem = await makeRequestPem('CN=system:node:w1, O=system:masters');
  alicePem = await makeRequestPem('CN=alice, O=dev, O=ops');
  noNamePem = await makeRequestPem('O=dev');
});

const userClient = (pem: string, usages: string[] = ['client auth']) => ({
  ...makeCsr(pem, { signerName: KUBE_APISERVER_CLIENT_SIGNER, usages: usages as never }),
  status: approved,
});

const run = async (csr: CertificateSigningRequest, sign: SignRequest) => {
  const writes: CertificateSigningRequest[] = [];
  const writeStatus = async (_: string, mutate: (c: CertificateSigningRequest) => void) => {
    const current = structuredClone(csr);
    mutate(current);
    writes.push(current);
    return current;
  };
  const result = await signClientCertificates({ writeStatus, sign, now })(csr);
  return { result, writes };
};

describe('signClientCertificates', () => {
  const neverSign: SignRequest = async () => {
    throw new Error('must not sign');
  };

  it('issues the requested subject with the cluster CA', async () => {
    const ca = await createCertificateAuthority();
    const csr = { ...makeCsr(nodePem), status: approved };
    const { result, writes } = await run(csr, (pem, subject) => signClientCertificate(ca, pem, subject));
    expect(writes).toHaveLength(1);
    const cert = new X509Certificate(decodePemField(result.status!.certificate));
    expect(cert.subject.split('\n').sort()).toEqual(['CN=system:node:w1', 'O=system:nodes']);
    expect(cert.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
  });

  it('issues a user client certificate for kube-apiserver-client, subject as asked', async () => {
    const ca = await createCertificateAuthority();
    const { result } = await run(userClient(alicePem), (pem, subject) => signClientCertificate(ca, pem, subject));
    const cert = new X509Certificate(decodePemField(result.status!.certificate));
    expect(cert.subject.split('\n').sort()).toEqual(['CN=alice', 'O=dev', 'O=ops']);
  });

  it.each([
    {
      name: 'server auth',
      pem: () => alicePem,
      usages: ['client auth', 'server auth'],
      message: /invalid usage.*server auth/,
    },
    { name: 'no client auth', pem: () => alicePem, usages: ['digital signature'], message: /missing required usage/ },
    { name: 'no common name', pem: () => noNamePem, usages: ['client auth'], message: /common name/ },
  ])('fails a kube-apiserver-client request with $name', async ({ pem, usages, message }) => {
    const { result } = await run(userClient(pem(), usages), neverSign);
    const failed = result.status!.conditions!.find((c) => c.type === 'Failed');
    expect(failed?.message).toMatch(message);
  });

  it.each([
    { name: 'pending', status: undefined },
    { name: 'denied', status: { conditions: [{ type: 'Denied', status: 'True' }] } },
    { name: 'failed', status: { conditions: [...approved.conditions, { type: 'Failed', status: 'True' }] } },
    { name: 'already issued', status: { ...approved, certificate: 'Y2VydA==' } },
  ])('leaves a $name request alone', async ({ status }) => {
    const csr = { ...makeCsr(nodePem), status };
    const { result, writes } = await run(csr, neverSign);
    expect(writes).toHaveLength(0);
    expect(result).toBe(csr);
  });

  it('leaves other signers alone', async () => {
    const csr = { ...makeCsr(nodePem, { signerName: 'example.com/x' }), status: approved };
    expect((await run(csr, neverSign)).writes).toHaveLength(0);
  });

  it.each([
    { name: 'a subject it may not issue', pem: () => mastersPem, sign: neverSign, message: /organization/ },
    {
      name: 'a request whose signature does not verify',
      pem: () => nodePem,
      sign: (async () => {
        throw new Error('the certificate signing request is not signed by its key');
      }) as SignRequest,
      message: /not signed by its key/,
    },
  ])('marks $name Failed', async ({ pem, sign, message }) => {
    const csr = { ...makeCsr(pem()), status: approved };
    const { result } = await run(csr, sign);
    const failed = result.status!.conditions!.find((c) => c.type === 'Failed');
    expect(failed).toMatchObject({ status: 'True', reason: 'SignerValidationFailure' });
    expect(failed!.message).toMatch(message);
    expect(result.status!.certificate).toBeUndefined();
  });

  it.each([
    { expirationSeconds: undefined, days: 365 },
    { expirationSeconds: 3600, days: 1 / 24 },
    { expirationSeconds: 400 * 86_400, days: 365 },
  ])('lives $days days for expirationSeconds $expirationSeconds', ({ expirationSeconds, days }) => {
    expect(signingDays(makeCsr('', { expirationSeconds }))).toBeCloseTo(days);
  });
});
