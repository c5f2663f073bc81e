// Recognises a request for kubernetes.io/kube-apiserver-client, the signer of user client
// certificates: client usages and a subject with a common name, issued as asked, as kube's
// csrsigning controller does once someone approved the request.
import {
  CertificateSigningRequest,
  decodePemField,
  KUBE_APISERVER_CLIENT_SIGNER,
  parseCertificateRequest,
} from '@kubenest/api/certificates';
import { ClientRequest, clientUsagesProblem, isProblem, Problem } from './client-request';

export const readApiserverClientRequest = (csr: CertificateSigningRequest): ClientRequest | Problem => {
  const spec = csr.spec ?? {};
  if (spec.signerName !== KUBE_APISERVER_CLIENT_SIGNER) {
    return { problem: `signerName is not ${KUBE_APISERVER_CLIENT_SIGNER}` };
  }
  const usagesProblem = clientUsagesProblem(spec.usages ?? []);
  if (usagesProblem) return usagesProblem;
  const request = parseCertificateRequest(decodePemField(spec.request));
  if (isProblem(request)) return request;
  const [commonName = ''] = request.subjectName.getField('CN');
  // Our issuer names the subject by CN and O only; a certificate without a user name authenticates no one.
  if (!commonName) return { problem: 'subject common name must not be empty' };
  return { commonName, organizations: request.subjectName.getField('O') };
};
