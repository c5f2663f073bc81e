// Recognises a node client certificate request, as kube's CSR approver and kubelet-client
// signer do: signer kube-apiserver-client-kubelet, subject CN system:node:<name> and O exactly
// system:nodes, no subject alternative names, usages client auth (+ digital signature, key
// encipherment).
import {
  CertificateSigningRequest,
  decodePemField,
  KUBELET_CLIENT_SIGNER,
  pemBlocks,
} from '@kubenest/api/certificates';
import { NODE_USER_PREFIX, NODES_GROUP } from '@kubenest/auth/authz';
import * as x509 from '@kubenest/auth/pki/x509';

const SUBJECT_ALT_NAME_OID = '2.5.29.17';
const ALLOWED_USAGES = new Set(['client auth', 'digital signature', 'key encipherment']);

export interface NodeClientRequest {
  nodeName: string;
  commonName: string;
  organizations: string[];
}

/** The node a request is for, or why it is not a node client certificate request. */
export const readNodeClientRequest = (csr: CertificateSigningRequest): NodeClientRequest | { problem: string } => {
  const spec = csr.spec ?? {};
  if (spec.signerName !== KUBELET_CLIENT_SIGNER) return { problem: `signerName is not ${KUBELET_CLIENT_SIGNER}` };
  const usages = spec.usages ?? [];
  if (!usages.includes('client auth') || usages.some((u) => !ALLOWED_USAGES.has(u))) {
    return { problem: 'usages must be client auth, optionally with digital signature and key encipherment' };
  }
  const [block] = pemBlocks(decodePemField(spec.request));
  if (block?.label !== 'CERTIFICATE REQUEST') return { problem: 'the request is not a CERTIFICATE REQUEST PEM block' };
  let request: x509.Pkcs10CertificateRequest;
  try {
    request = new x509.Pkcs10CertificateRequest(block.der);
  } catch (e) {
    return { problem: `the request does not parse: ${(e as Error).message}` };
  }
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

export const isProblem = (read: NodeClientRequest | { problem: string }): read is { problem: string } =>
  'problem' in read;
