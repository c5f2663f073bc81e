// NodeInfos and a snapshot over them for the scheduler's unit tests, as the cache would build them.
import type { Node, Pod } from '@kubenest/api/core/types';
import { NodeInfo } from '../framework/node-info';
import { newPodInfo } from '../framework/pod-info';
import type { Snapshot } from '../framework/snapshot';

/**
 * A NodeInfo per node, in the nodes' order, each holding the pods whose spec.nodeName names it;
 * pods with no nodeName (pending, or only nominated) are on no node.
 */
export const nodeInfosOf = (nodes: readonly Node[], pods: readonly Pod[] = []): NodeInfo[] => {
  const infos = new Map(nodes.map((n) => [n.metadata.name, new NodeInfo(n)]));
  for (const pod of pods) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) continue;
    const info = infos.get(nodeName);
    if (!info) throw new Error(`pod ${pod.metadata.name} is on ${nodeName}, which is not among the nodes`);
    info.addPod(newPodInfo(pod));
  }
  return [...infos.values()];
};

export const snapshotOf = (infos: readonly NodeInfo[]): Snapshot => ({
  nodeInfos: infos,
  get: (name) => infos.find((i) => i.name === name),
  havePodsWithAffinity: infos.filter((i) => i.podsWithAffinity.length),
  havePodsWithRequiredAntiAffinity: infos.filter((i) => i.podsWithRequiredAntiAffinity.length),
  generation: 0,
  changedSince: () => undefined,
});
