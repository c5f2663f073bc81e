// The pods nominated to a node (status.nominatedNodeName, or the node preemption just freed for
// them): filters count them on that node for pods of no higher priority, so the room preemption
// made is not taken by someone else, as kube-scheduler's nominator.
import type { Pod } from '@kubenest/api/core/types';
import type { Nominator, PodInfo } from '../framework';

const NONE: readonly PodInfo[] = [];

export class PodNominator implements Nominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly nodeOf = new Map<string, string>();

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.byNode.get(nodeName) ?? NONE;
  }

  nominatedNodeOf(pod: Pod): string | undefined {
    return this.nodeOf.get(pod.metadata.uid!);
  }

  /** Nominates the pod to nodeName, or to its status.nominatedNodeName when none is given. */
  add(info: PodInfo, nodeName?: string): void {
    this.delete(info.pod);
    const node = nodeName || info.pod.status?.nominatedNodeName;
    if (!node) return;
    this.nodeOf.set(info.pod.metadata.uid!, node);
    const list = this.byNode.get(node) ?? [];
    list.push(info);
    this.byNode.set(node, list);
  }

  delete(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const node = this.nodeOf.get(uid);
    if (node === undefined) return;
    this.nodeOf.delete(uid);
    const rest = (this.byNode.get(node) ?? []).filter((p) => p.pod.metadata.uid !== uid);
    if (rest.length) this.byNode.set(node, rest);
    else this.byNode.delete(node);
  }

  /**
   * As kube's updateNominatedPod: an update that carries no nominatedNodeName while the old pod had
   * none either keeps the nomination made here (the status write may not have come back yet).
   */
  update(oldPod: Pod, info: PodInfo): void {
    const kept =
      !oldPod.status?.nominatedNodeName && !info.pod.status?.nominatedNodeName
        ? this.nodeOf.get(oldPod.metadata.uid!)
        : undefined;
    this.add(info, kept);
  }
}
