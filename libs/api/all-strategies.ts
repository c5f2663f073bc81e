// Every built-in resource this server serves: one registration line each.
import type { Strategy } from '@kubenest/registry';
import { deploymentStrategy } from './apps/deployment/deployment.strategy';
import { replicaSetStrategy } from './apps/replicaset/replicaset.strategy';
import { csrStrategy } from './certificates/csr/csr.strategy';
import { erase } from './common/erase';
import { endpointSliceStrategy } from './discovery-k8s-io/endpointslice/endpointslice.strategy';
import { leaseStrategy } from './coordination/lease/lease.strategy';
import { configMapStrategy } from './core/configmap/configmap.strategy';
import { endpointsStrategy } from './core/endpoints/endpoints.strategy';
import { coreEventStrategy } from './core/event/event.strategy';
import { namespaceStrategy } from './core/namespace/namespace.strategy';
import { nodeStrategy } from './core/node/node.strategy';
import { podStrategy } from './core/pod/pod.strategy';
import { replicationControllerStrategy } from './core/replicationcontroller/replicationcontroller.strategy';
import { secretStrategy } from './core/secret/secret.strategy';
import { serviceStrategy } from './core/service/service.strategy';
import { serviceAccountStrategy } from './core/serviceaccount/serviceaccount.strategy';
import { eventsV1EventStrategy } from './events/event/event.strategy';
import { priorityClassStrategy } from './scheduling/priorityclass/priorityclass.strategy';

export const builtinStrategies: Strategy[] = [
  erase(namespaceStrategy),
  erase(podStrategy),
  erase(nodeStrategy),
  erase(serviceStrategy),
  erase(endpointsStrategy),
  erase(endpointSliceStrategy),
  erase(configMapStrategy),
  erase(secretStrategy),
  erase(serviceAccountStrategy),
  erase(coreEventStrategy),
  erase(eventsV1EventStrategy),
  erase(leaseStrategy),
  erase(deploymentStrategy),
  erase(replicaSetStrategy),
  erase(replicationControllerStrategy),
  erase(csrStrategy),
  erase(priorityClassStrategy),
];
