// As kube-apiserver's NamespaceLifecycle admission plugin: no new objects in a namespace that
// is missing or being terminated, and the system namespaces may not be deleted.
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { AdmissionAttributes, AdmissionPlugin } from '@kubenest/registry';

export const immortalNamespaces = ['default', 'kube-system', 'kube-public'];

export class NamespaceLifecycle implements AdmissionPlugin {
  readonly name = 'NamespaceLifecycle';

  constructor(private readonly getNamespace: (name: string) => Promise<KubeObject | undefined>) {}

  async validate(a: AdmissionAttributes): Promise<void> {
    const gr = { group: a.kind.group, resource: a.kind.plural };
    if (a.kind.group === '' && a.kind.kind === 'Namespace') {
      if (a.operation === 'DELETE' && immortalNamespaces.includes(a.name)) {
        throw StatusError.forbidden(gr, a.name, 'this namespace may not be deleted');
      }
      return;
    }
    if (a.operation !== 'CREATE' || !a.namespace) return;
    const namespace = await this.getNamespace(a.namespace);
    if (!namespace) throw StatusError.notFound({ group: '', resource: 'namespaces' }, a.namespace);
    if (namespace.metadata.deletionTimestamp || (namespace.status as { phase?: string })?.phase === 'Terminating') {
      throw StatusError.forbidden(
        gr,
        a.name,
        `unable to create new content in namespace ${a.namespace} because it is being terminated`,
      );
    }
  }
}
