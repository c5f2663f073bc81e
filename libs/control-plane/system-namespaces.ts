// The namespaces every cluster has from the start, created when missing.
import { StatusError } from '@kubenest/apimachinery';
import { ResourceStores } from '@kubenest/registry';

const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export const ensureSystemNamespaces = async (stores: ResourceStores): Promise<void> => {
  const namespaces = stores.byKind('', 'Namespace');
  if (!namespaces) throw new Error('namespaces are not served');
  for (const name of systemNamespaces) {
    try {
      await namespaces.store.create(undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    } catch (e) {
      if (!(StatusError.is(e) && e.reason === 'AlreadyExists')) throw e;
    }
  }
};
