// What the scheduler knows of the cluster between cycles, as kube-scheduler's cache: nodes and the
// pods assigned to them from the informers, plus the pods this scheduler has assumed onto a node
// before their binding comes back through the watch, so pods scheduled back to back see each
// other's requests. Every change moves its node to the front of a recency list, so a snapshot
// copies only the nodes whose generation moved since it was last brought up to date.
import type { Node, Pod } from '@kubenest/api/core/types';
import { NodeInfo } from '../framework/node-info';
import { newPodInfo } from '../framework/pod-info';
import type { NodeSnapshot } from './node-snapshot';

/**
 * A bound pod not seen back through the watch by then is dropped. kube-scheduler 1.33 sets its
 * durationToExpireAssumedPod to 0 (never, kubernetes#106361); a bounded wait keeps a lost watch
 * event from holding a node's room for good.
 */
export const ASSUMED_POD_TTL_MS = 15 * 60_000;

export interface SchedulerCacheOptions {
  /** 0: assumed pods never expire, as kube-scheduler 1.33. */
  assumedPodTtlMs?: number;
  now?: () => number;
}

interface PodState {
  pod: Pod;
  nodeName: string;
  assumed: boolean;
  /** Set once the binding finished: an assumed pod expires only after that. */
  deadline?: number;
}

/** One node's info in the recency list, most recently changed first. */
interface Item {
  info: NodeInfo;
  prev?: Item;
  next?: Item;
}

export class SchedulerCache {
  /** By node name; a node's pods may be known before (or after) the node itself. */
  private readonly items = new Map<string, Item>();
  private head?: Item;
  /** The names of the nodes whose Node is known, in the order they were first seen: the snapshot's order. */
  private readonly nodeNames = new Set<string>();
  /** Moves whenever a node joins or leaves nodeNames, so a snapshot knows to rebuild its lists. */
  private nodeSetVersion = 0;
  private readonly snapshotNodeSetVersions = new WeakMap<NodeSnapshot, number>();
  private readonly pods = new Map<string, PodState>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: SchedulerCacheOptions = {}) {
    this.ttlMs = options.assumedPodTtlMs ?? ASSUMED_POD_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  get nodeCount(): number {
    return this.nodeNames.size;
  }

  get podCount(): number {
    return this.pods.size;
  }

  addNode(node: Node): void {
    const name = node.metadata.name!;
    const item = this.items.get(name) ?? this.newItem(name);
    item.info.setNode(node);
    if (!this.nodeNames.has(name)) {
      this.nodeNames.add(name);
      this.nodeSetVersion++;
    }
    this.moveToHead(item);
  }

  updateNode(_oldNode: Node, newNode: Node): void {
    this.addNode(newNode);
  }

  removeNode(node: Node): void {
    const name = node.metadata.name!;
    const item = this.items.get(name);
    if (!item) return;
    item.info.removeNode();
    if (this.nodeNames.delete(name)) this.nodeSetVersion++;
    this.touch(item, name);
  }

  /** The scheduler's decision, applied at once: the pod counts on nodeName until confirmed or forgotten. */
  assumePod(pod: Pod, nodeName: string): Pod {
    const uid = pod.metadata.uid!;
    if (this.pods.has(uid)) throw new Error(`pod ${podName(pod)} is in the cache, so can't be assumed`);
    const assumed: Pod = { ...pod, spec: { ...pod.spec!, nodeName } };
    this.addToNode(nodeName, assumed);
    this.pods.set(uid, { pod: assumed, nodeName, assumed: true });
    return assumed;
  }

  /** The binding went through: from now on the assumed pod may expire if the watch never confirms it. */
  finishBinding(pod: Pod): void {
    const state = this.pods.get(pod.metadata.uid!);
    if (state?.assumed && this.ttlMs > 0) state.deadline = this.now() + this.ttlMs;
  }

  /** The binding failed: the assumed pod no longer counts on its node. */
  forgetPod(pod: Pod): void {
    const state = this.pods.get(pod.metadata.uid!);
    if (!state?.assumed) throw new Error(`pod ${podName(pod)} wasn't assumed so cannot be forgotten`);
    this.removeFromNode(state.nodeName, state.pod);
    this.pods.delete(pod.metadata.uid!);
  }

  isAssumedPod(pod: Pod): boolean {
    return this.pods.get(pod.metadata.uid!)?.assumed ?? false;
  }

  /** The pod as the cache holds it (the assumed copy until confirmed). */
  getPod(pod: Pod): Pod | undefined {
    return this.pods.get(pod.metadata.uid!)?.pod;
  }

  /** An assigned pod seen through the informer; confirms the assumed pod of the same UID. */
  addPod(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const nodeName = pod.spec!.nodeName!;
    const state = this.pods.get(uid);
    if (state) this.removeFromNode(state.nodeName, state.pod);
    this.addToNode(nodeName, pod);
    this.pods.set(uid, { pod, nodeName, assumed: false });
  }

  updatePod(_oldPod: Pod, newPod: Pod): void {
    this.addPod(newPod);
  }

  removePod(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const state = this.pods.get(uid);
    if (!state) return;
    this.removeFromNode(state.nodeName, state.pod);
    this.pods.delete(uid);
  }

  /** Drops the assumed pods whose binding finished longer ago than the TTL without being confirmed. */
  cleanupExpiredAssumedPods(): Pod[] {
    const now = this.now();
    const expired: Pod[] = [];
    for (const state of this.pods.values()) {
      if (state.assumed && state.deadline !== undefined && now >= state.deadline) expired.push(state.pod);
    }
    for (const pod of expired) this.removePod(pod);
    return expired;
  }

  /**
   * Brings the snapshot up to date: copies in the nodes changed since its generation (in place, so
   * its lists keep pointing at them) and rebuilds its lists only when nodes came or went or a node
   * started or stopped holding pods with affinity terms, as kube's Cache.UpdateSnapshot.
   */
  updateSnapshot(snapshot: NodeSnapshot): void {
    const seenVersion = this.snapshotNodeSetVersions.get(snapshot);
    let rebuild = seenVersion !== this.nodeSetVersion;
    const newest = this.head?.info.generation ?? snapshot.generation;
    for (let item = this.head; item && item.info.generation > snapshot.generation; item = item.next) {
      const info = item.info;
      if (!info.node) continue;
      const copy = info.clone();
      const existing = snapshot.nodeInfoMap.get(info.name!);
      if (!existing) {
        snapshot.nodeInfoMap.set(info.name!, copy);
        rebuild = true;
        continue;
      }
      rebuild ||=
        existing.podsWithAffinity.length > 0 !== copy.podsWithAffinity.length > 0 ||
        existing.podsWithRequiredAntiAffinity.length > 0 !== copy.podsWithRequiredAntiAffinity.length > 0;
      Object.assign(existing, copy);
      snapshot.logChange(existing);
    }
    snapshot.generation = Math.max(snapshot.generation, newest);
    if (seenVersion !== this.nodeSetVersion) {
      for (const name of snapshot.nodeInfoMap.keys()) {
        if (!this.nodeNames.has(name)) snapshot.nodeInfoMap.delete(name);
      }
      this.snapshotNodeSetVersions.set(snapshot, this.nodeSetVersion);
    }
    if (rebuild) snapshot.rebuildLists([...this.nodeNames]);
  }

  private addToNode(nodeName: string, pod: Pod): void {
    const item = this.items.get(nodeName) ?? this.newItem(nodeName);
    item.info.addPod(newPodInfo(pod));
    this.moveToHead(item);
  }

  private removeFromNode(nodeName: string, pod: Pod): void {
    const item = this.items.get(nodeName);
    if (!item) return;
    item.info.removePod(pod);
    this.touch(item, nodeName);
  }

  /** After a change: to the front, or out altogether when neither the node nor a pod is left. */
  private touch(item: Item, nodeName: string): void {
    if (!item.info.node && item.info.pods.length === 0) {
      this.unlink(item);
      this.items.delete(nodeName);
    } else {
      this.moveToHead(item);
    }
  }

  private newItem(nodeName: string): Item {
    const item: Item = { info: new NodeInfo() };
    this.items.set(nodeName, item);
    return item;
  }

  private moveToHead(item: Item): void {
    if (this.head === item) return;
    this.unlink(item);
    item.next = this.head;
    if (this.head) this.head.prev = item;
    this.head = item;
  }

  private unlink(item: Item): void {
    if (item.prev) item.prev.next = item.next;
    if (item.next) item.next.prev = item.prev;
    if (this.head === item) this.head = item.next;
    item.prev = item.next = undefined;
  }
}

const podName = (pod: Pod): string => `${pod.metadata.namespace}/${pod.metadata.name}`;
