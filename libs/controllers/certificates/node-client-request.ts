// Recognises a node client certificate request, as kube's CSR approver and kubelet-client
// signer do: signer kube-apiserver-client-kubelet, subject CN system:node:<name> and O exactly
// system:nodes, no subject alternative names, usages client auth (+ digital signature, key
// encipherment).
import {
  CertificateSigningRequest,
  decodePemField,
  KUBELET_CLIENT_SIGNER,
  parseCertificateRequest,
} from '@kubenest/api/certificates';
import { NODE_USER_PREFIX, NODES_GROUP } from '@kubenest/auth/authz';
import { ClientRequest, clientUsagesProblem, isProblem, Problem } from './client-request';

const SUBJECT_ALT_NAME_OID = '2.5.29.17';

export interface NodeClientRequest extends ClientRequest {
  nodeName: string;
}

/** The node a request is for, or why it is not a node client certificate request. */
export const readNodeClientRequest = (csr: CertificateSigningRequest): NodeClientRequest | Problem => {
  const spec = csr.spec ?? {};
  if (spec.signerName !== KUBELET_CLIENT_SIGNER) return { problem: `signerName is not ${KUBELET_CLIENT_SIGNER}` };
  const usagesProblem = clientUsagesProblem(spec.usages ?? []);
  if (usagesProblem) return usagesProblem;
  const request = parseCertificateRequest(decodePemField(spec.request));
  if (isProblem(request)) return request;
  const [commonName = ''] = request.subjectName.getField('CN');
  const organizations = request.subjectName.getField('O');
  if (organizations.length !== 1 || organizations[0] !== NODES_GROUP) {
    return { problem: `subject organization must be exactly ${NODES_GROUP}` };
  }
  if (!commonName.startsWith(NODE_USER_PREFIX) || commonName.length === NODE_USER_PREFIX.length) {
    return { problem: `subject common name must be ${NODE_USER_PREFIX}<node name>` };
  }
  if (request.getExtension(SUBJECT_ALT_NAME_OID)) return { problem: 'subject alternative names are not allowed' };
  return { nodeName: commonName.slice(NODE_USER_PREFIX.length), commonName, organizations };
};
