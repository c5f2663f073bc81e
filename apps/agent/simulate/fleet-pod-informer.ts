// The fleet's one view of pods: the controller kit's shared informer over every pod, each add,
// update and delete (those found at a relist after a 410 too) handed to the fleet's pod worker,
// which keeps the pods bound to its nodes. One LIST and one watch for the whole fleet, where an
// informer per node (fieldSelector=spec.nodeName=<node>) would cost the server a LIST and a watch
// connection per node, and a match of every pod change against each of them.
import { Logger } from '@nestjs/common';
import { SharedInformer } from '@kubenest/controllers/informer/shared-informer';
import { ResourceClient, resources } from '@kubenest/client';
import type { Pod } from './simulated-pod-status';

export interface FleetPods {
  onPod(pod: Pod, deleted: boolean): void;
}

export function startFleetPodInformer(client: ResourceClient, fleet: FleetPods): SharedInformer<Pod> {
  const informer = new SharedInformer<Pod>(client.resource<Pod>(resources.pods), {
    logger: new Logger('SimulatedPods'),
  });
  informer.addEventHandler({
    add: (pod) => fleet.onPod(pod, false),
    update: (_old, pod) => fleet.onPod(pod, false),
    delete: (pod) => fleet.onPod(pod, true),
  });
  informer.run();
  return informer;
}
