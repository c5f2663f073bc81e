// Approves node client certificate requests through /approval, as kube's csrapproving controller
// does: made with a bootstrap token (system:bootstrappers), or by the node itself renewing its
// certificate. A bootstrap token asking for the name of a live node is denied: that identity is
// in use, and handing it out would let the token holder take over the node's tunnel and pods.
import { Logger } from '@nestjs/common';
import { APPROVED, CertificateSigningRequest, DENIED } from '@kubenest/api/certificates';
import { BOOTSTRAP_USER_PREFIX, BOOTSTRAPPERS_GROUP } from '@kubenest/auth/authn/bootstrap-token';
import { NODES_GROUP } from '@kubenest/auth/authz';
import { isApproved, isDenied, setCondition } from './csr-conditions';
import { isProblem } from './client-request';
import { readNodeClientRequest } from './node-client-request';
import { LiveNode, NodeLiveness } from './node-liveness';

export type CsrStep = (csr: CertificateSigningRequest) => Promise<CertificateSigningRequest>;
/** Writes what the mutation makes through one subresource (/approval or /status), on a fresh read. */
export type WriteCsr = (
  name: string,
  mutate: (current: CertificateSigningRequest) => void,
) => Promise<CertificateSigningRequest>;

export interface ApprovalDecision {
  /** approve and deny write a condition; leave writes nothing (not ours to decide, or decided). */
  verdict: 'approve' | 'deny' | 'leave';
  /** The condition's message, or why the request is left alone. */
  message: string;
}

/** The reason of the Denied condition a request for a live node's name gets. */
export const NODE_IDENTITY_IN_USE = 'NodeIdentityInUse';

const seconds = (ms: number): number => Math.ceil(ms / 1000);

const liveNodeMessage = (node: string, live: LiveNode): string =>
  `node "${node}" is live (its Lease in kube-node-lease was seen renewed ${seconds(live.sinceMs)} s ago): ` +
  `a bootstrap token may not take a live node's identity; a new request may join as "${node}" ` +
  `once its lease has gone unrenewed for the node monitor grace period, in ${seconds(live.remainingMs)} s at the earliest`;

export const approvalFor = async (
  csr: CertificateSigningRequest,
  liveNode: NodeLiveness,
): Promise<ApprovalDecision> => {
  if (isApproved(csr) || isDenied(csr)) return { verdict: 'leave', message: 'already decided' };
  const request = readNodeClientRequest(csr);
  if (isProblem(request)) return { verdict: 'leave', message: request.problem };
  const { username = '', groups = [] } = csr.spec ?? {};
  if (groups.includes(BOOTSTRAPPERS_GROUP) && username.startsWith(BOOTSTRAP_USER_PREFIX)) {
    const live = await liveNode(request.nodeName);
    if (live) return { verdict: 'deny', message: liveNodeMessage(request.nodeName, live) };
    return { verdict: 'approve', message: 'Auto approving kubelet client certificate after SubjectAccessReview.' };
  }
  if (groups.includes(NODES_GROUP) && username === request.commonName) {
    return { verdict: 'approve', message: 'Auto approving self kubelet client certificate after SubjectAccessReview.' };
  }
  return { verdict: 'leave', message: `requester ${username} may not ask for ${request.commonName}` };
};

export const approveNodeClient =
  (deps: { writeApproval: WriteCsr; liveNode: NodeLiveness; now: () => Date; logger?: Pick<Logger, 'log'> }): CsrStep =>
  async (csr) => {
    const decision = await approvalFor(csr, deps.liveNode);
    if (decision.verdict === 'leave') return csr;
    const name = csr.metadata.name!;
    const approve = decision.verdict === 'approve';
    deps.logger?.log(`${approve ? 'approving' : 'denying'} ${name} for ${csr.spec?.username}`);
    const condition = approve
      ? { type: APPROVED, reason: 'AutoApproved', message: decision.message }
      : { type: DENIED, reason: NODE_IDENTITY_IN_USE, message: decision.message };
    return deps.writeApproval(name, (current) => {
      if (isApproved(current) || isDenied(current)) return;
      setCondition(current, condition, deps.now());
    });
  };
