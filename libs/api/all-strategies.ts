// Every built-in resource this server serves: one registration line each.
import type { Strategy } from '@kubenest/registry';
import { deploymentStrategy } from './apps/deployment.strategy';
import { replicaSetStrategy } from './apps/replicaset.strategy';
import { csrStrategy } from './certificates/csr.strategy';
import { erase } from './common/erase';
import { leaseStrategy } from './coordination/lease.strategy';
import { configMapStrategy } from './core/configmap.strategy';
import { endpointsStrategy } from './core/endpoints.strategy';
import { coreEventStrategy } from './core/event.strategy';
import { namespaceStrategy } from './core/namespace.strategy';
import { nodeStrategy } from './core/node.strategy';
import { podStrategy } from './core/pod.strategy';
import { secretStrategy } from './core/secret.strategy';
import { serviceStrategy } from './core/service.strategy';
import { serviceAccountStrategy } from './core/serviceaccount.strategy';
import { eventsV1EventStrategy } from './events/event.strategy';

export const builtinStrategies: Strategy[] = [
  erase(namespaceStrategy),
  erase(podStrategy),
  erase(nodeStrategy),
  erase(serviceStrategy),
  erase(endpointsStrategy),
  erase(configMapStrategy),
  erase(secretStrategy),
  erase(serviceAccountStrategy),
  erase(coreEventStrategy),
  erase(eventsV1EventStrategy),
  erase(leaseStrategy),
  erase(deploymentStrategy),
  erase(replicaSetStrategy),
  erase(csrStrategy),
];
