// Records who asked for a certificate: on create, a CertificateSigningRequest's spec.username,
// uid, groups and extra become the requesting user's, whatever the client sent, as
// kube-apiserver's CSR strategy fills them from the request context.
import { KubeObject } from '@kubenest/apimachinery';
import { AdmissionAttributes, AdmissionPlugin } from '@kubenest/registry';
import { UserInfo } from '../authn/user-info';

const CSR = { group: 'certificates.k8s.io', kind: 'CertificateSigningRequest' };

type CsrSpec = { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };

export class CsrRequester implements AdmissionPlugin {
  readonly name = 'CsrRequester';

  async admit(a: AdmissionAttributes): Promise<void> {
    if (a.operation !== 'CREATE' || a.kind.group !== CSR.group || a.kind.kind !== CSR.kind) return;
    // The HTTP layer hands the authenticated UserInfo, of which the registry types only name and groups.
    const user = a.user as UserInfo | undefined;
    const obj = a.object as KubeObject & { spec?: CsrSpec };
    if (!user || !obj) return;
    obj.spec ??= {};
    obj.spec.username = user.name;
    obj.spec.groups = [...user.groups];
    if (user.uid) obj.spec.uid = user.uid;
    else delete obj.spec.uid;
    if (user.extra && Object.keys(user.extra).length) obj.spec.extra = structuredClone(user.extra);
    else delete obj.spec.extra;
  }
}
