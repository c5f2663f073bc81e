// Approves node client certificate requests through /approval, as kube's csrapproving controller
// does: made with a bootstrap token (system:bootstrappers), or by the node itself renewing its certificate.
import { Logger } from '@nestjs/common';
import { APPROVED, CertificateSigningRequest } from '@kubenest/api/certificates';
import { BOOTSTRAP_USER_PREFIX, BOOTSTRAPPERS_GROUP } from '@kubenest/auth/authn/bootstrap-token';
import { NODES_GROUP } from '@kubenest/auth/authz';
import { isApproved, isDenied, setCondition } from './csr-conditions';
import { isProblem } from './client-request';
import { readNodeClientRequest } from './node-client-request';

export type CsrStep = (csr: CertificateSigningRequest) => Promise<CertificateSigningRequest>;
/** Writes what the mutation makes through one subresource (/approval or /status), on a fresh read. */
export type WriteCsr = (
  name: string,
  mutate: (current: CertificateSigningRequest) => void,
) => Promise<CertificateSigningRequest>;

export interface ApprovalDecision {
  approve: boolean;
  /** Why not, or the approval message. */
  message: string;
}

export const approvalFor = (csr: CertificateSigningRequest): ApprovalDecision => {
  if (isApproved(csr) || isDenied(csr)) return { approve: false, message: 'already decided' };
  const request = readNodeClientRequest(csr);
  if (isProblem(request)) return { approve: false, message: request.problem };
  const { username = '', groups = [] } = csr.spec ?? {};
  if (groups.includes(BOOTSTRAPPERS_GROUP) && username.startsWith(BOOTSTRAP_USER_PREFIX)) {
    return { approve: true, message: 'Auto approving kubelet client certificate after SubjectAccessReview.' };
  }
  if (groups.includes(NODES_GROUP) && username === request.commonName) {
    return { approve: true, message: 'Auto approving self kubelet client certificate after SubjectAccessReview.' };
  }
  return { approve: false, message: `requester ${username} may not ask for ${request.commonName}` };
};

export const approveNodeClient =
  (deps: { writeApproval: WriteCsr; now: () => Date; logger?: Pick<Logger, 'log'> }): CsrStep =>
  async (csr) => {
    const decision = approvalFor(csr);
    if (!decision.approve) return csr;
    const name = csr.metadata.name!;
    deps.logger?.log(`approving ${name} for ${csr.spec?.username}`);
    return deps.writeApproval(name, (current) => {
      if (isApproved(current) || isDenied(current)) return;
      setCondition(current, { type: APPROVED, reason: 'AutoApproved', message: decision.message }, deps.now());
    });
  };
