// Who an object is, as the garbage collector names owners and dependents: the coordinates an
// ownerReference carries (apiVersion, kind, name, uid) and the namespace ('' when cluster-scoped,
// or, for an owner known only from a reference, the referring dependent's).
import type { IOwnerReference } from '@kubernetes-models/apimachinery/apis/meta/v1/OwnerReference';

export type OwnerReference = IOwnerReference;

export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  namespace: string;
}

export const identityKey = (id: ObjectIdentity): string =>
  JSON.stringify([id.apiVersion, id.kind, id.namespace, id.name, id.uid]);

export const sameIdentity = (a: ObjectIdentity, b: ObjectIdentity): boolean => identityKey(a) === identityKey(b);

/** An owner as a dependent's reference names it. */
export const ownerIdentity = (ref: OwnerReference, dependentNamespace: string): ObjectIdentity => ({
  apiVersion: ref.apiVersion,
  kind: ref.kind,
  name: ref.name,
  uid: ref.uid,
  namespace: dependentNamespace,
});

/** The reference names the same object as the identity's coordinates (the namespace aside). */
export const referenceMatches = (ref: OwnerReference, id: ObjectIdentity): boolean =>
  ref.uid === id.uid && ref.name === id.name && ref.kind === id.kind && ref.apiVersion === id.apiVersion;

export const describeIdentity = (id: ObjectIdentity): string =>
  `[${id.apiVersion}/${id.kind}, namespace: ${id.namespace}, name: ${id.name}, uid: ${id.uid}]`;

/** kube's absentOwnerCache: owners a GET found gone (UIDs are never reused), the oldest forgotten first. */
export class AbsentOwners {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity = 500) {}

  add(id: ObjectIdentity): void {
    const key = identityKey(id);
    this.keys.delete(key);
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
  }

  has(id: ObjectIdentity): boolean {
    return this.keys.has(identityKey(id));
  }
}
