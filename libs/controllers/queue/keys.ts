// Work queue keys: `namespace/name`, or `name` for cluster-scoped objects, as client-go's
// cache.MetaNamespaceKeyFunc and SplitMetaNamespaceKey.
import { KubeObject } from '@kubenest/apimachinery';

export const keyOf = (obj: Pick<KubeObject, 'metadata'>): string => {
  const { namespace, name } = obj.metadata;
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '');
};

export const splitKey = (key: string): { namespace?: string; name: string } => {
  const parts = key.split('/');
  if (parts.length === 1) return { name: parts[0] };
  if (parts.length === 2) return { namespace: parts[0], name: parts[1] };
  throw new Error(`unexpected key format: "${key}"`);
};
