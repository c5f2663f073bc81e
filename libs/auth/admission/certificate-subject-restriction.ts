// As kube-apiserver's CertificateSubjectRestriction admission plugin: no one may ask the
// kube-apiserver-client signer for a certificate in the system:masters group, which RBAC cannot limit.
import { StatusError } from '@kubenest/apimachinery';
import {
  CertificateSigningRequest,
  decodePemField,
  KUBE_APISERVER_CLIENT_SIGNER,
  parseCertificateRequest,
} from '@kubenest/api/certificates';
import { AdmissionAttributes, AdmissionPlugin } from '@kubenest/registry';
import { SYSTEM_MASTERS } from '../authn/user-info';

const CSR = { group: 'certificates.k8s.io', kind: 'CertificateSigningRequest' };

export class CertificateSubjectRestriction implements AdmissionPlugin {
  readonly name = 'CertificateSubjectRestriction';

  async validate(a: AdmissionAttributes): Promise<void> {
    if (a.operation !== 'CREATE' || a.subresource || a.kind.group !== CSR.group || a.kind.kind !== CSR.kind) return;
    const spec = (a.object as CertificateSigningRequest | undefined)?.spec;
    if (spec?.signerName !== KUBE_APISERVER_CLIENT_SIGNER) return;
    const request = parseCertificateRequest(decodePemField(spec.request));
    // Validation has already refused a request that does not parse.
    if ('problem' in request) return;
    if (request.subjectName.getField('O').includes(SYSTEM_MASTERS)) {
      throw StatusError.forbidden(
        { group: a.kind.group, resource: a.kind.plural },
        a.name,
        `use of ${KUBE_APISERVER_CLIENT_SIGNER} signer with ${SYSTEM_MASTERS} group is not allowed`,
      );
    }
  }
}
