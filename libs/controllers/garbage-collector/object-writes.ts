// The garbage collector's reads and writes of one object named by its identity, as kube's GC
// operations: a GET that answers undefined when the object is gone, a delete with the UID (and
// resourceVersion) it looked at as preconditions, and merge patches computed from a fresh read,
// sent with that read's uid and resourceVersion so that a change in between is a 409 and read again.
import { isDeepStrictEqual } from 'node:util';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { mergePatchType } from '@kubenest/apimachinery/patch';
import type { ResourceClient, ResourceInterface } from '@kubenest/client';
import { ResourceMapper } from './collected-resources';
import { ObjectIdentity, OwnerReference } from './object-identity';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/** The identity's apiVersion and kind are served by no resource (a kind not known, or not yet). */
export class RestMappingError extends Error {
  constructor(id: ObjectIdentity) {
    super(`unable to get REST mapping for ${id.apiVersion}/${id.kind}`);
  }
}

/** client-go's retry.DefaultRetry makes five attempts. */
const ATTEMPTS = 5;

const isCode = (e: unknown, code: number): boolean => StatusError.is(e) && e.code === code;

export interface Located {
  resource: ResourceInterface;
  namespace: string | undefined;
  namespaced: boolean;
}

export class ObjectWrites {
  constructor(
    private readonly client: ResourceClient,
    private readonly mapper: ResourceMapper,
  ) {}

  /** Where the identity's object is served; a cluster-scoped kind takes no namespace. */
  locate(id: ObjectIdentity): Located {
    const mapping = this.mapper(id.apiVersion, id.kind);
    if (!mapping) throw new RestMappingError(id);
    return {
      resource: this.client.resource(mapping.ref),
      namespace: mapping.namespaced ? id.namespace : undefined,
      namespaced: mapping.namespaced,
    };
  }

  /** The object as the server has it now, or undefined when it is not there. */
  async get(id: ObjectIdentity): Promise<KubeObject | undefined> {
    const { resource, namespace, namespaced } = this.locate(id);
    // A namespaced kind named without a namespace (by a cluster-scoped object) names nothing.
    if (namespaced && !namespace) return undefined;
    try {
      return await resource.get(namespace, id.name);
    } catch (e) {
      if (isCode(e, 404)) return undefined;
      throw e;
    }
  }

  /**
   * Deletes the object seen as `seen`. Should it have changed since, the delete is retried without
   * the resourceVersion precondition only if its ownerReferences have not: what made it garbage holds.
   */
  async delete(id: ObjectIdentity, seen: KubeObject, propagationPolicy: PropagationPolicy): Promise<void> {
    const { resource, namespace } = this.locate(id);
    const remove = (resourceVersion?: string) =>
      resource.delete(namespace, id.name, { preconditions: { uid: id.uid, resourceVersion }, propagationPolicy });
    try {
      await remove(seen.metadata.resourceVersion);
    } catch (e) {
      if (isCode(e, 404)) return;
      if (!isCode(e, 409)) throw e;
      const live = await this.get(id);
      if (!live || live.metadata.uid !== id.uid) return;
      if (!isDeepStrictEqual(live.metadata.ownerReferences ?? [], seen.metadata.ownerReferences ?? [])) throw e;
      await remove().catch((again: unknown) => {
        if (!isCode(again, 404)) throw again;
      });
    }
  }

  /**
   * Merges what `change` makes of the object's fresh metadata and answers the object written;
   * nothing when it answers undefined, the object is gone, or another object took its name.
   */
  async patchMetadata(
    id: ObjectIdentity,
    change: (current: KubeObject) => Record<string, unknown> | undefined,
  ): Promise<KubeObject | undefined> {
    const { resource, namespace } = this.locate(id);
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(id);
      if (!current || current.metadata.uid !== id.uid) return undefined;
      const metadata = change(current);
      if (!metadata) return undefined;
      const patch = { metadata: { ...metadata, uid: id.uid, resourceVersion: current.metadata.resourceVersion } };
      try {
        return await resource.patch(namespace, id.name, mergePatchType, patch);
      } catch (e) {
        if (isCode(e, 404)) return undefined;
        if (attempt >= ATTEMPTS || !isCode(e, 409)) throw e;
      }
    }
  }

  async removeFinalizer(id: ObjectIdentity, finalizer: string): Promise<void> {
    await this.patchMetadata(id, (current) => {
      const finalizers = current.metadata.finalizers ?? [];
      return finalizers.includes(finalizer) ? { finalizers: finalizers.filter((f) => f !== finalizer) } : undefined;
    });
  }

  /** Drops the references to the given owner UIDs. */
  async removeOwnerReferences(id: ObjectIdentity, ownerUids: Set<string>): Promise<void> {
    await this.patchMetadata(id, (current) => {
      const refs: OwnerReference[] = current.metadata.ownerReferences ?? [];
      const kept = refs.filter((r) => !ownerUids.has(r.uid));
      return kept.length === refs.length ? undefined : { ownerReferences: kept };
    });
  }

  /** Makes every blocking reference non-blocking (breaks a foreground deletion's cycle); answers the object written. */
  unblockOwnerReferences(id: ObjectIdentity): Promise<KubeObject | undefined> {
    return this.patchMetadata(id, (current) => {
      const refs: OwnerReference[] = current.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.blockOwnerDeletion)) return undefined;
      return { ownerReferences: refs.map((r) => (r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r)) };
    });
  }
}
