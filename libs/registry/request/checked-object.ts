// The checks every object a request writes goes through, decoded or patched: an object, of the
// kind the URL addresses, as kube-apiserver's decoder refuses a body of another group, version or kind.
import { GroupVersionKind, KubeObject, StatusError, apiVersionOf } from '@kubenest/apimachinery';

/** The body as an object of `kind`, with apiVersion, kind and metadata filled in place. */
export const checkedObject = (decoded: unknown, kind: GroupVersionKind): KubeObject => {
  const obj = decoded as KubeObject | undefined;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    throw StatusError.badRequest('the body of the request was empty or not an object');
  const apiVersion = apiVersionOf(kind);
  if (obj.apiVersion && obj.apiVersion !== apiVersion) {
    throw StatusError.badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersion})`,
    );
  }
  if (obj.kind && kind.kind && obj.kind !== kind.kind) {
    throw StatusError.badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${kind.kind})`);
  }
  obj.apiVersion = apiVersion;
  obj.kind = kind.kind;
  obj.metadata ??= {};
  if (typeof obj.metadata !== 'object') throw StatusError.badRequest('metadata must be an object');
  return obj;
};
