// Posts the node's CSR with the bootstrap token and waits until the control plane signs it
// (polling, as the approval is automatic and quick), turning refusals into JoinErrors.
import { isStatus } from '../util/status-code';
import { CertificateSigningRequest, csrOutcome, nodeClientCsr } from './certificate-signing-request';
import { JoinError } from './join-error';

export interface RequestCertificateDeps {
  createCsr: (csr: CertificateSigningRequest) => Promise<CertificateSigningRequest>;
  getCsr: (name: string) => Promise<CertificateSigningRequest>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export interface RequestCertificateOptions {
  server: string;
  pollMs?: number;
  timeoutMs?: number;
}

/** Returns the signed certificate's PEM. */
export const requestNodeCertificate =
  (deps: RequestCertificateDeps) =>
  async (csrPem: string, options: RequestCertificateOptions): Promise<string> => {
    let csr: CertificateSigningRequest;
    try {
      csr = await deps.createCsr(nodeClientCsr(csrPem));
    } catch (e) {
      throw refusal(e, options.server);
    }
    const deadline = deps.now() + (options.timeoutMs ?? 120_000);
    for (;;) {
      const outcome = csrOutcome(csr);
      if ('certPem' in outcome) return outcome.certPem;
      if ('refused' in outcome) {
        throw new JoinError(
          `the control plane refused the node's certificate request ${csr.metadata.name}: ${outcome.refused}`,
        );
      }
      if (deps.now() >= deadline) {
        throw new JoinError(
          `the certificate request ${csr.metadata.name} was not signed in time: is the CSR approver running on ${options.server}?`,
        );
      }
      await deps.sleep(options.pollMs ?? 500);
      try {
        csr = await deps.getCsr(csr.metadata.name!);
      } catch (e) {
        if (isStatus(e, 401) || isStatus(e, 403)) throw refusal(e, options.server);
      }
    }
  };

function refusal(e: unknown, server: string): Error {
  if (isStatus(e, 401)) {
    return new JoinError(
      `the control plane at ${server} refused the bootstrap token (401 Unauthorized): it is unknown, expired or not for authentication (check --token)`,
    );
  }
  if (isStatus(e, 403)) {
    return new JoinError(`the bootstrap token may not request a node certificate (403 Forbidden): ${e.message}`);
  }
  return e as Error;
}
