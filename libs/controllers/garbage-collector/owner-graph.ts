// The garbage collector's dependency graph, as kube's GraphBuilder keeps it: one node per object
// seen (by UID), each with the ownerReferences it carries and the nodes that name it as owner.
// An owner referred to before it is seen gets a "virtual" node, to be confirmed by a GET (the
// collector's work) or by its informer's events. The graph decides what is worth a look and hands
// it to the listener: objects whose owners may be gone, owners deleting their dependents first,
// owners whose dependents are to be orphaned. Events arrive in any order across resources.
import { KubeObject } from '@kubenest/apimachinery';
import { finalizerDeleteDependents, finalizerOrphanDependents } from '@kubenest/apimachinery/validation';
import {
  AbsentOwners,
  ObjectIdentity,
  OwnerReference,
  ownerIdentity,
  referenceMatches,
  sameIdentity,
} from './object-identity';

export interface GraphNode {
  identity: ObjectIdentity;
  owners: OwnerReference[];
  dependents: Set<GraphNode>;
  /** Seen through an informer; until then a node known only from its dependents' references. */
  observed: boolean;
  /** Its deletion has started (a deletionTimestamp was seen); it never stops. */
  beingDeleted: boolean;
  /** Being deleted in the foreground: its dependents go first. */
  deletingDependents: boolean;
}

/** An informer's add, update or delete; or a virtual delete once a GET found the object gone. */
export interface GraphEvent {
  type: 'add' | 'update' | 'delete';
  /** The object's coordinates: the kind and version of the resource it was seen through. */
  identity: ObjectIdentity;
  /** The object as seen; a virtual delete has none. */
  object?: KubeObject;
  /** An update's previous state. */
  old?: KubeObject;
  virtual?: boolean;
}

/** Where the graph sends what it finds worth a look. */
export interface GraphListener {
  /** Look at whether the node is garbage (or, being deleted in the foreground, done waiting). */
  attemptToDelete(node: GraphNode, rateLimited?: boolean): void;
  /** Orphan the node's dependents, then remove its `orphan` finalizer. */
  attemptToOrphan(node: GraphNode): void;
  /** The dependent names a namespaced owner that lives in another namespace. */
  invalidNamespaceOwnerRef(dependent: GraphNode, ref: OwnerReference): void;
}

const hasFinalizer = (obj: KubeObject | undefined, finalizer: string): boolean =>
  !!obj?.metadata.finalizers?.includes(finalizer);

const beingDeleted = (obj: KubeObject | undefined): boolean => !!obj?.metadata.deletionTimestamp;

/** The object now is being deleted with the finalizer, and was not (or had not the finalizer) before. */
const deletionStartsWith = (old: KubeObject | undefined, obj: KubeObject, finalizer: string): boolean =>
  beingDeleted(obj) && hasFinalizer(obj, finalizer) && !(beingDeleted(old) && hasFinalizer(old, finalizer));

const blocks = (ref: OwnerReference): boolean => ref.blockOwnerDeletion === true;

/** References added, removed, and kept by UID but changed, between two lists. */
export const referencesDiff = (old: OwnerReference[], next: OwnerReference[]) => {
  const before = new Map(old.map((r) => [r.uid, r]));
  const added: OwnerReference[] = [];
  const changed: { old: OwnerReference; next: OwnerReference }[] = [];
  for (const ref of next) {
    const previous = before.get(ref.uid);
    before.delete(ref.uid);
    if (!previous) added.push(ref);
    else if (JSON.stringify(previous) !== JSON.stringify(ref)) changed.push({ old: previous, next: ref });
  }
  return { added, removed: [...before.values()], changed };
};

/**
 * The dependents whose references to the owner's UID agree with the identity, and those with one
 * that does not (a namespaced owner never matches a dependent in another namespace); a dependent
 * naming the UID twice, differently, is in both.
 */
export const partitionDependents = (dependents: GraphNode[], owner: ObjectIdentity) => {
  const matching: GraphNode[] = [];
  const nonMatching: GraphNode[] = [];
  for (const dep of dependents) {
    let match = false;
    let mismatch = false;
    if (owner.namespace && owner.namespace !== dep.identity.namespace) mismatch = true;
    else {
      for (const ref of dep.owners) {
        if (ref.uid !== owner.uid) continue;
        if (referenceMatches(ref, owner)) match = true;
        else mismatch = true;
      }
    }
    if (match) matching.push(dep);
    if (mismatch) nonMatching.push(dep);
  }
  return { matching, nonMatching };
};

/** Another identity the dependents give the owner, besides the one found absent (the first, for determinism). */
const alternateIdentity = (dependents: GraphNode[], absent: ObjectIdentity): ObjectIdentity | undefined => {
  const candidates = dependents
    .flatMap((dep) =>
      dep.owners.filter((r) => r.uid === absent.uid).map((r) => ownerIdentity(r, dep.identity.namespace)),
    )
    .filter((id) => !sameIdentity(id, absent))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return candidates[0];
};

export class OwnerGraph {
  private readonly nodes = new Map<string, GraphNode>();
  /** Owners a GET or a delete found gone; the collector reads it before asking the API. */
  readonly absentOwners = new AbsentOwners();

  constructor(private readonly listener: GraphListener) {}

  node(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  get size(): number {
    return this.nodes.size;
  }

  /** Dependents whose reference to the node asks it to wait for them (blockOwnerDeletion). */
  blockingDependents(node: GraphNode): GraphNode[] {
    return [...node.dependents].filter((d) => d.owners.some((r) => r.uid === node.identity.uid && blocks(r)));
  }

  process(event: GraphEvent): void {
    const existing = this.nodes.get(event.identity.uid);
    if (existing && !event.virtual && !existing.observed) this.observe(existing, event.identity);
    if (event.type === 'delete') return this.processDelete(event, existing);
    const obj = event.object!;
    const owners = obj.metadata.ownerReferences ?? [];
    if (!existing) {
      const node: GraphNode = {
        identity: event.identity,
        owners,
        dependents: new Set(),
        observed: true,
        beingDeleted: beingDeleted(obj),
        deletingDependents: beingDeleted(obj) && hasFinalizer(obj, finalizerDeleteDependents),
      };
      this.nodes.set(node.identity.uid, node);
      this.addDependentToOwners(node, owners);
      // An informer may fold a create and the start of a deletion into one event.
      return this.processTransitions(event.old, obj, node);
    }
    const { added, removed, changed } = referencesDiff(existing.owners, owners);
    if (added.length + removed.length + changed.length > 0) {
      this.enqueueUnblockedOwners(removed, changed);
      existing.owners = owners;
      this.addDependentToOwners(existing, added);
      this.removeDependentFromOwners(existing, removed);
    }
    if (beingDeleted(obj)) existing.beingDeleted = true;
    this.processTransitions(event.old, obj, existing);
  }

  /**
   * A virtual node seen at last: if its informer names it otherwise than its dependents did, the
   * dependents that disagree get a look (a namespace mismatch is reported: it is surely wrong).
   */
  private observe(node: GraphNode, seen: ObjectIdentity): void {
    if (!sameIdentity(node.identity, seen)) {
      for (const dep of partitionDependents([...node.dependents], seen).nonMatching) {
        if (seen.namespace && dep.identity.namespace !== seen.namespace) this.reportInvalidNamespace(dep, seen.uid);
        this.listener.attemptToDelete(dep);
      }
      node.identity = seen;
    }
    node.observed = true;
  }

  private processDelete(event: GraphEvent, existing: GraphNode | undefined): void {
    if (!existing) return;
    if (event.virtual && !this.virtualDeleteRemoves(existing, event.identity)) return;
    this.nodes.delete(existing.identity.uid);
    this.removeDependentFromOwners(existing, existing.owners);
    if (existing.dependents.size > 0) this.absentOwners.add(event.identity);
    for (const dep of existing.dependents) this.listener.attemptToDelete(dep);
    // An owner waiting for its dependents may now be free to go.
    for (const ref of existing.owners) {
      const owner = this.nodes.get(ref.uid);
      if (owner?.deletingDependents) this.listener.attemptToDelete(owner);
    }
  }

  /**
   * A GET found `deleted` gone. The node stays while some dependents name it by other coordinates
   * (those coordinates may still exist); the dependents that named the absent ones get a look.
   */
  private virtualDeleteRemoves(node: GraphNode, deleted: ObjectIdentity): boolean {
    const { matching, nonMatching } = partitionDependents([...node.dependents], deleted);
    const disagreeing = node.observed ? !sameIdentity(node.identity, deleted) : nonMatching.length > 0;
    if (!disagreeing) return true;
    if (matching.length > 0) {
      this.absentOwners.add(deleted);
      for (const dep of matching) this.listener.attemptToDelete(dep);
    }
    if (!node.observed && sameIdentity(node.identity, deleted)) {
      const replacement = alternateIdentity(nonMatching, deleted);
      if (replacement) {
        node.identity = replacement;
        this.listener.attemptToDelete(node, true);
      }
    }
    return false;
  }

  private addDependentToOwners(dependent: GraphNode, owners: OwnerReference[]): void {
    let potentiallyInvalid = false;
    for (const ref of owners) {
      let owner = this.nodes.get(ref.uid);
      if (!owner) {
        owner = {
          identity: ownerIdentity(ref, dependent.identity.namespace),
          owners: [],
          dependents: new Set([dependent]),
          observed: false,
          beingDeleted: false,
          deletingDependents: false,
        };
        this.nodes.set(ref.uid, owner);
        // A GET decides whether it exists; gone, its dependents get a look.
        this.listener.attemptToDelete(owner);
        continue;
      }
      owner.dependents.add(dependent);
      if (potentiallyInvalid) continue;
      const ownerNamespace = owner.identity.namespace;
      if (ownerNamespace && ownerNamespace !== dependent.identity.namespace) {
        // A namespaced owner is only ever an owner within its namespace; cluster-scoped ones of anything.
        if (owner.observed) this.reportInvalidNamespace(dependent, ref.uid);
        potentiallyInvalid = true;
      } else if (!referenceMatches(ref, owner.identity)) {
        potentiallyInvalid = true;
      } else if (!ownerNamespace && dependent.identity.namespace && !owner.observed) {
        // Possibly a namespaced owner missing, named by a cluster-scoped dependent.
        potentiallyInvalid = true;
      }
    }
    if (potentiallyInvalid) this.listener.attemptToDelete(dependent);
  }

  private removeDependentFromOwners(dependent: GraphNode, owners: OwnerReference[]): void {
    for (const ref of owners) this.nodes.get(ref.uid)?.dependents.delete(dependent);
  }

  /** A blocking reference removed or made non-blocking: its owner may no longer wait. */
  private enqueueUnblockedOwners(removed: OwnerReference[], changed: { old: OwnerReference; next: OwnerReference }[]) {
    const unblocked = [
      ...removed.filter(blocks),
      ...changed.filter((c) => blocks(c.old) && !blocks(c.next)).map((c) => c.next),
    ];
    for (const ref of unblocked) {
      const owner = this.nodes.get(ref.uid);
      if (owner) this.listener.attemptToDelete(owner);
    }
  }

  private processTransitions(old: KubeObject | undefined, obj: KubeObject, node: GraphNode): void {
    if (deletionStartsWith(old, obj, finalizerOrphanDependents)) return this.listener.attemptToOrphan(node);
    if (deletionStartsWith(old, obj, finalizerDeleteDependents)) {
      node.deletingDependents = true;
      for (const dep of node.dependents) this.listener.attemptToDelete(dep);
      this.listener.attemptToDelete(node);
    }
  }

  private reportInvalidNamespace(dependent: GraphNode, ownerUid: string): void {
    const ref = dependent.owners.find((r) => r.uid === ownerUid);
    if (ref) this.listener.invalidNamespaceOwnerRef(dependent, ref);
  }
}
