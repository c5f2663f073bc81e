// The built-in loops (added to the kit's LoopManager with LoopManager.add; it runs them) and what every apiserver
// keeps for itself (the Node authorizer's graph, node lease renewals, the listers admission and
// authentication read), over in-process clients: started once the application has started,
// stopped before the caches. The system PriorityClasses are created here too, as the apiserver.
import { DynamicModule, Module } from '@nestjs/common';
import { NodeGraph } from '@kubenest/auth';
import { LoopManager } from '@kubenest/controllers';
import {
  CLIENT_FOR,
  ClientFor,
  ensureSystemPriorityClasses,
  lifecycle,
  NAMESPACE_GETTER,
  PRIORITY_CLASS_READER,
} from '@kubenest/control-plane';
import { ResourceStores } from '@kubenest/registry';
import { ApiserverConfig } from '../config';
import { ControllerManager, controllerManager } from '../controller-manager';
import { APISERVER_USER, ClusterCredentials } from './credentials.module';

/** Provided only so that its factory, which creates the system PriorityClasses, runs once at start. */
const SYSTEM_PRIORITY_CLASSES = Symbol('systemPriorityClasses');

/** The token of the running ControllerManager. */
export const CONTROLLER_MANAGER = Symbol('controllerManager');

@Module({})
export class BuiltinLoopsModule {
  /** `controllers` brings the registry, the node graph and the clients; `credentials` the CA the CSR loop signs with. */
  static forRoot(config: ApiserverConfig, controllers: DynamicModule, credentials: DynamicModule): DynamicModule {
    return {
      module: BuiltinLoopsModule,
      imports: [controllers, credentials],
      providers: [
        {
          provide: CONTROLLER_MANAGER,
          useFactory: (
            stores: ResourceStores,
            nodeGraph: NodeGraph,
            clients: ClientFor,
            loops: LoopManager,
            credentials: ClusterCredentials,
          ) =>
            controllerManager({
              stores,
              clients,
              loops,
              nodeGraph,
              ca: credentials.pki.ca,
              nodeMonitorGracePeriodSeconds: config.nodeMonitorGracePeriodSeconds,
              eviction: {
                evictionRate: config.nodeEvictionRate,
                secondaryEvictionRate: config.secondaryNodeEvictionRate,
                unhealthyZoneThreshold: config.unhealthyZoneThreshold,
                largeClusterSizeThreshold: config.largeClusterSizeThreshold,
              },
              terminatedPodGcThreshold: config.terminatedPodGcThreshold,
              apiserverUser: APISERVER_USER,
            }),
          inject: [ResourceStores, NodeGraph, CLIENT_FOR, LoopManager, ClusterCredentials],
        },
        {
          provide: NAMESPACE_GETTER,
          useFactory: (manager: ControllerManager) => manager.getNamespace,
          inject: [CONTROLLER_MANAGER],
        },
        {
          provide: PRIORITY_CLASS_READER,
          useFactory: (manager: ControllerManager) => manager.priorityClasses,
          inject: [CONTROLLER_MANAGER],
        },
        {
          provide: SYSTEM_PRIORITY_CLASSES,
          useFactory: (clientFor: ClientFor) => ensureSystemPriorityClasses(clientFor(APISERVER_USER)),
          inject: [CLIENT_FOR],
        },
        lifecycle('controller manager', [CONTROLLER_MANAGER], (manager: ControllerManager) => manager),
      ],
      exports: [CONTROLLER_MANAGER],
    };
  }
}
