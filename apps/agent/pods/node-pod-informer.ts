// The pods bound to this node, as kubelet's API source lists and watches them
// (fieldSelector=spec.nodeName=<node>), through the controller kit's shared informer: its adds,
// updates and deletes (those found at a relist after a 410 too) go to the pod manager.
import { Logger } from '@nestjs/common';
import { SharedInformer } from '@kubenest/controllers/informer/shared-informer';
import { ResourceClient, resources } from '@kubenest/client';
import type { PodManager } from './pod-manager';
import type { Pod } from './pod-types';

export function startNodePodInformer(
  client: ResourceClient,
  nodeName: string,
  manager: PodManager,
): SharedInformer<Pod> {
  const informer = new SharedInformer<Pod>(client.resource<Pod>(resources.pods), {
    fieldSelector: `spec.nodeName=${nodeName}`,
    logger: new Logger('NodePods'),
  });
  informer.addEventHandler(manager);
  informer.run();
  void informer.waitForSync().then((synced) => synced && manager.synced());
  return informer;
}
