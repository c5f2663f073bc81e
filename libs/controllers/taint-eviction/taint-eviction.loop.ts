// The taint eviction loop, declared on the kit, as kube-controller-manager's taint-eviction-controller
// (which acts as node-controller, whose role it shares): pods on nodes with NoExecute taints they do
// not tolerate, or no longer, are deleted; a change of a node's NoExecute taints looks at its pods.
import type { Node, Pod } from '@kubenest/api/core/types';
import { KubeObject } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { byNodeName, NODE_NAME_INDEX } from '../informer';
import { defineLoop, Loop } from '../loop';
import { NODE_CONTROLLER } from '../node-lifecycle';
import { keyOf } from '../queue';
import { evictPod, podRef } from './evict-pod';
import { evictTaintedPod } from './evict-tainted-pod.step';
import { noExecuteTaints } from './eviction-time';

export interface TaintEvictionLoopOptions {
  now?: () => Date;
}

const sameNoExecuteTaints = (a: KubeObject | undefined, b: KubeObject): boolean =>
  a !== undefined && JSON.stringify(noExecuteTaints(a as Node)) === JSON.stringify(noExecuteTaints(b as Node));

export const taintEvictionLoop = (options: TaintEvictionLoopOptions = {}): Loop =>
  defineLoop<Pod>({
    // kube's --controllers name (loops are chosen by kube's names) and its events' source.
    name: 'taint-eviction-controller',
    identity: NODE_CONTROLLER,
    for: resources.pods,
    watches: [
      {
        resource: resources.nodes,
        keys: (node, old, pods) =>
          sameNoExecuteTaints(old, node) ? [] : pods.byIndex(NODE_NAME_INDEX, node.metadata.name!).map(keyOf),
      },
    ],
    reconcile: ({ client, listerFor, recorder }) => {
      const now = options.now ?? (() => new Date());
      const pods = listerFor<Pod>(resources.pods, { [NODE_NAME_INDEX]: byNodeName });
      const nodes = listerFor<Node>(resources.nodes);
      return evictTaintedPod({
        nodeOf: (name) => nodes.get(undefined, name),
        evict: evictPod({ pods: client.resource<Pod>(resources.pods), recorder, now }),
        cancelled: (pod) =>
          recorder.event(
            podRef(pod),
            'Normal',
            'TaintManagerEviction',
            `Cancelling deletion of Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
          ),
        now: () => now().getTime(),
        exists: (key) => pods.getByKey(key) !== undefined,
      });
    },
  });
