// The subresources that read the whole object and write a part of it: status, a namespace's
// finalize, and a strategy's further update subresources (a CertificateSigningRequest's approval).
import { Subresource } from './subresource';

/**
 * GET reads the object; PUT and PATCH go through the generic store's update with the
 * subresource's own rules (the strategy's status, finalize or update-subresource strategy).
 */
export const objectSubresource = (name: string, readable = true): Subresource => ({
  ...(readable ? { get: ({ store, namespace, name: objectName }) => store.get(namespace, objectName) } : {}),
  update: async ({ store, namespace, name: objectName }, updateFn, ctx) =>
    (await store.update(namespace, objectName, (current) => updateFn(current!), { ...ctx, subresource: name })).object,
});
