// The ReplicaSet and ReplicationController loops.
export {
  replicaSetLoop,
  replicationControllerLoop,
  REPLICASET_CONTROLLER,
  REPLICATION_CONTROLLER_CONTROLLER,
} from './replicaset.loop';
export type { ReplicaLoopOptions } from './replicaset.loop';
