// The garbage collector as the LoopManager runs it: under kube-controller-manager's Lease, acting
// as kube's generic-garbage-collector service account, with a fresh graph each term.
import { Logger } from '@nestjs/common';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { ClientEventRecorder } from '../events';
import type { RunnableLoop } from '../loop';
import { CollectedResources } from './collected-resources';
import { GarbageCollector } from './garbage-collector';

export const GARBAGE_COLLECTOR = controllerServiceAccount('generic-garbage-collector');

export interface GarbageCollectorLoopOptions {
  resources: CollectedResources;
  workers?: number;
}

export const garbageCollectorLoop = (options: GarbageCollectorLoopOptions): RunnableLoop => ({
  name: 'garbagecollector',
  identity: GARBAGE_COLLECTOR,
  run: ({ client, informers }) => {
    const logger = new Logger('Loop garbage-collector');
    return new GarbageCollector({
      client,
      informers,
      resources: options.resources,
      recorder: new ClientEventRecorder({ client, component: 'garbage-collector-controller', logger }),
      logger,
      workers: options.workers,
    });
  },
});
