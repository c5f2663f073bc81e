// Signs approved client certificate requests with the cluster CA, as kube's csrsigning controller
// does for kube-apiserver-client-kubelet (node identities) and kube-apiserver-client (users): the
// subject of the request, a lifetime of spec.expirationSeconds capped at a year; a request the
// signer cannot honour gets Failed.
import { Logger } from '@nestjs/common';
import {
  CertificateSigningRequest,
  decodePemField,
  encodePemField,
  FAILED,
  KUBE_APISERVER_CLIENT_SIGNER,
  KUBELET_CLIENT_SIGNER,
} from '@kubenest/api/certificates';
import { readApiserverClientRequest } from './apiserver-client-request';
import { CsrStep, WriteCsr } from './approve-node-client.step';
import { ClientRequest, isProblem, Problem } from './client-request';
import { isApproved, isDenied, isFailed, setCondition } from './csr-conditions';
import { readNodeClientRequest } from './node-client-request';

const MAX_DAYS = 365;

/** The signers this controller issues for, each with what it accepts. */
const SIGNERS: Record<string, (csr: CertificateSigningRequest) => ClientRequest | Problem> = {
  [KUBELET_CLIENT_SIGNER]: readNodeClientRequest,
  [KUBE_APISERVER_CLIENT_SIGNER]: readApiserverClientRequest,
};

/** Signs a PEM CSR for this subject; rejects when the request's signature does not verify. */
export type SignRequest = (
  requestPem: string,
  subject: { commonName: string; organizations: string[]; days: number },
) => Promise<string>;

export const signingDays = (csr: CertificateSigningRequest): number =>
  Math.min(MAX_DAYS, (csr.spec?.expirationSeconds ?? Infinity) / 86_400);

export const signClientCertificates =
  (deps: { writeStatus: WriteCsr; sign: SignRequest; now: () => Date; logger?: Pick<Logger, 'log'> }): CsrStep =>
  async (csr) => {
    const spec = csr.spec ?? {};
    const readRequest = Object.hasOwn(SIGNERS, spec.signerName ?? '') ? SIGNERS[spec.signerName!] : undefined;
    if (!readRequest) return csr;
    if (!isApproved(csr) || isDenied(csr) || isFailed(csr) || csr.status?.certificate) return csr;
    const name = csr.metadata.name!;
    const fail = (message: string) =>
      deps.writeStatus(name, (current) =>
        setCondition(current, { type: FAILED, reason: 'SignerValidationFailure', message }, deps.now()),
      );
    const request = readRequest(csr);
    if (isProblem(request)) return fail(request.problem);
    let certificate: string;
    try {
      certificate = await deps.sign(decodePemField(spec.request), {
        commonName: request.commonName,
        organizations: request.organizations,
        days: signingDays(csr),
      });
    } catch (e) {
      return fail((e as Error).message);
    }
    deps.logger?.log(`issued ${request.commonName} to ${name}`);
    return deps.writeStatus(name, (current) => {
      current.status ??= {};
      current.status.certificate ||= encodePemField(certificate);
    });
  };
