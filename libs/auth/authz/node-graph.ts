// The Node authorizer's graph, as kube's (plugin/pkg/auth/authorizer/node/graph.go): the pods
// bound to each node (spec.nodeName) and the secrets, config maps and service accounts they
// name. Fed one pod event at a time; a question is two map lookups, whatever the cluster's size.
import type { Pod } from '@kubenest/api/core/types';
import { podReferences, ReferenceKind } from './pod-references';

/** What the Node authorizer asks of the graph. */
export interface NodeGraphView {
  /** Whether a pod bound to the node names this object. */
  references(node: string, kind: ReferenceKind, namespace: string, name: string): boolean;
}

interface BoundPod {
  node: string;
  /** The keys of the objects it names, each once. */
  objects: string[];
}

const podKey = (namespace: string, name: string): string => `${namespace}/${name}`;
const objectKey = (kind: ReferenceKind, namespace: string, name: string): string => `${kind}/${namespace}/${name}`;

const sameKeys = (a: string[], b: string[]): boolean => a.length === b.length && a.every((key, i) => key === b[i]);

export class NodeGraph implements NodeGraphView {
  private readonly pods = new Map<string, BoundPod>();
  /** Object key → node → how many of that node's pods name it (kube's destination edge index). */
  private readonly nodesByObject = new Map<string, Map<string, number>>();

  /** Adds or replaces a pod's edges; a pod not (or no longer) bound to a node has none. */
  setPod(pod: Pod): void {
    const namespace = pod.metadata?.namespace ?? '';
    const key = podKey(namespace, pod.metadata?.name ?? '');
    const node = pod.spec?.nodeName;
    if (!node) return this.removePod(key);
    const objects = podReferences(pod).map((r) => objectKey(r.kind, namespace, r.name));
    const old = this.pods.get(key);
    // Status updates, the most frequent pod event, change neither: nothing to do.
    if (old && old.node === node && sameKeys(old.objects, objects)) return;
    if (old) this.unlink(old);
    const bound = { node, objects };
    this.link(bound);
    this.pods.set(key, bound);
  }

  deletePod(namespace: string, name: string): void {
    this.removePod(podKey(namespace, name));
  }

  references(node: string, kind: ReferenceKind, namespace: string, name: string): boolean {
    return (this.nodesByObject.get(objectKey(kind, namespace, name))?.get(node) ?? 0) > 0;
  }

  /** How many pods and referenced objects the graph holds. */
  get size(): { pods: number; objects: number } {
    return { pods: this.pods.size, objects: this.nodesByObject.size };
  }

  private removePod(key: string): void {
    const old = this.pods.get(key);
    if (!old) return;
    this.unlink(old);
    this.pods.delete(key);
  }

  private link({ node, objects }: BoundPod): void {
    for (const object of objects) {
      let nodes = this.nodesByObject.get(object);
      if (!nodes) this.nodesByObject.set(object, (nodes = new Map()));
      nodes.set(node, (nodes.get(node) ?? 0) + 1);
    }
  }

  private unlink({ node, objects }: BoundPod): void {
    for (const object of objects) {
      // link() counted each of them once for this node.
      const nodes = this.nodesByObject.get(object)!;
      const count = nodes.get(node)!;
      if (count > 1) nodes.set(node, count - 1);
      else if (nodes.delete(node) && nodes.size === 0) this.nodesByObject.delete(object);
    }
  }
}
