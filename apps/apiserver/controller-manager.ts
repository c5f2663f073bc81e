// Assembles the control loops and what every apiserver keeps for itself, over in-process clients:
// the namespace and certificate loops join the kit's LoopManager, each as its own service account,
// running only in the process holding kube-system/kube-controller-manager; the Node authorizer's graph,
// the node leases' renewals and the listers admission and authentication read are kept by every
// apiserver (as kube-apiserver keeps its own graph and informers), as the apiserver itself.
import type { Lease } from '@kubenest/api/coordination/lease/lease.strategy';
import type { Pod } from '@kubenest/api/core/types';
import type { PriorityClass } from '@kubenest/api/scheduling';
import { NodeGraph, NODE_LEASE_NAMESPACE, PriorityClassReader } from '@kubenest/auth';
import { resources } from '@kubenest/client';
import {
  certificateLoop,
  deploymentLoop,
  endpointSliceLoop,
  endpointsLoop,
  garbageCollectorLoop,
  InformerFactory,
  listerGetter,
  LoopManager,
  EvictionSettings,
  NamespacedResource,
  namespaceLoop,
  nodeLifecycleLoop,
  nodeLiveness,
  podGCLoop,
  replicaSetLoop,
  replicationControllerLoop,
  rootCAPublisherLoop,
  serviceAccountLoop,
  ObjectGetter,
  startLeaseObserver,
  startNodeGraphPopulator,
  taintEvictionLoop,
} from '@kubenest/controllers';
import { CertificateAuthority } from '@kubenest/pki';
import { ClientFor } from '@kubenest/control-plane';
import { RequestUser, ResourceStores } from '@kubenest/registry';
import { collectedResources } from './collected-resources';

export interface ControllerManagerDeps {
  stores: ResourceStores;
  /** In-process clients, authorized and admitted as the HTTP side's requests are. */
  clients: ClientFor;
  /** The graph the Node authorizer reads; kept here from the pods. */
  nodeGraph: NodeGraph;
  /** The cluster CA the certificate loop signs with. */
  ca: CertificateAuthority;
  /** kube-controller-manager's --node-monitor-grace-period. */
  nodeMonitorGracePeriodSeconds: number;
  /** kube-controller-manager's --node-eviction-rate and the flags beside it. */
  eviction: EvictionSettings;
  /** kube-controller-manager's --terminated-pod-gc-threshold. */
  terminatedPodGcThreshold?: number;
  /** Who this apiserver's own informers read as (its loopback identity). */
  apiserverUser: RequestUser;
  /** The kit's LoopManager the built-in loops join (before it starts). */
  loops: LoopManager;
}

export interface ControllerManager {
  /** Namespaces as NamespaceLifecycle admission reads them. */
  getNamespace: ObjectGetter;
  /** Secrets as the bootstrap token authenticator reads them. */
  getSecret: ObjectGetter;
  /** PriorityClasses as the Priority admission plugin reads them. */
  priorityClasses: PriorityClassReader;
  /** Starts this apiserver's informers; call once the stores serve. */
  start(): void;
  stop(): Promise<void>;
}

/** Every namespaced resource once (resources served at several versions share one store). */
const namespacedResources = (stores: ResourceStores): NamespacedResource[] => {
  const byPrefix = new Map<string, NamespacedResource>();
  for (const strategy of stores.registry.strategies) {
    if (!strategy.namespaced) continue;
    const prefix = stores.entry(strategy).store.prefix;
    if (byPrefix.has(prefix)) continue;
    const { group, version, plural } = strategy.kind;
    byPrefix.set(prefix, { ref: { group, version, resource: plural }, name: group ? `${plural}.${group}` : plural });
  }
  return [...byPrefix.values()];
};

export const controllerManager = (deps: ControllerManagerDeps): ControllerManager => {
  const { stores, clients } = deps;
  const apiserver = clients(deps.apiserverUser);
  const informers = new InformerFactory(apiserver);
  const pods = informers.informerFor<Pod>(resources.pods);
  const nodes = informers.informerFor(resources.nodes);
  const namespaces = informers.informerFor(resources.namespaces);
  // Bootstrap token Secrets live in kube-system.
  const secrets = informers.informerFor(resources.secrets, { namespace: 'kube-system' });
  const nodeLeases = informers.informerFor<Lease>(resources.leases, { namespace: NODE_LEASE_NAMESPACE });
  const priorityClasses = informers.informerFor<PriorityClass>(resources.priorityClasses);
  const priorityClassApi = apiserver.resource<PriorityClass>(resources.priorityClasses);
  const getPriorityClass = listerGetter(priorityClasses.lister, priorityClassApi);

  const graph = startNodeGraphPopulator({ pods, graph: deps.nodeGraph });
  const leases = startLeaseObserver({ leases: nodeLeases, gracePeriodSeconds: deps.nodeMonitorGracePeriodSeconds });
  const liveNode = nodeLiveness({ getNode: listerGetter(nodes.lister, apiserver.resource(resources.nodes)), leases });
  // Run by the kit's LoopManager (ControllersModule), which starts and stops them under its Lease.
  deps.loops.add(namespaceLoop({ namespacedResources: () => namespacedResources(stores) }));
  const on = (controller: string) => deps.loops.controllerEnabled(controller);
  deps.loops.add(certificateLoop({ ca: deps.ca, liveNode, approve: on('csrapproving'), sign: on('csrsigning') }));
  deps.loops.add(deploymentLoop());
  deps.loops.add(replicaSetLoop());
  deps.loops.add(replicationControllerLoop());
  deps.loops.add(garbageCollectorLoop({ resources: collectedResources(stores) }));
  deps.loops.add(
    nodeLifecycleLoop({ leases, gracePeriodSeconds: deps.nodeMonitorGracePeriodSeconds, eviction: deps.eviction }),
  );
  deps.loops.add(taintEvictionLoop());
  deps.loops.add(endpointsLoop());
  deps.loops.add(endpointSliceLoop());
  deps.loops.add(serviceAccountLoop());
  deps.loops.add(rootCAPublisherLoop({ caPem: deps.ca.certPem }));
  deps.loops.add(podGCLoop({ terminatedPodThreshold: deps.terminatedPodGcThreshold }));
  return {
    getNamespace: listerGetter(namespaces.lister, apiserver.resource(resources.namespaces)),
    getSecret: listerGetter(secrets.lister, apiserver.resource(resources.secrets)),
    priorityClasses: {
      get: async (name) => (await getPriorityClass(undefined, name)) as PriorityClass | undefined,
      // Until the informer has synced its list is partial; the default class must not be missed.
      list: async () =>
        priorityClasses.hasSynced() ? priorityClasses.lister.list() : (await priorityClassApi.list(undefined)).items,
    },
    start: () => informers.start(),
    stop: async () => {
      leases.stop();
      graph.remove();
      informers.stop();
    },
  };
};
