// Every message the decoder knows, compiled once from the per-group tables.
import { appsV1 } from './apps-v1.schema';
import { authenticationV1 } from './authentication-v1.schema';
import { authorizationV1 } from './authorization-v1.schema';
import { autoscalingV1 } from './autoscaling-v1.schema';
import { batchV1 } from './batch-v1.schema';
import { certificatesV1 } from './certificates-v1.schema';
import { coordinationV1 } from './coordination-v1.schema';
import { coreV1 } from './core-v1.schema';
import { discoveryV1 } from './discovery-v1.schema';
import { eventsV1 } from './events-v1.schema';
import { compileTables } from './message-table';
import { metaV1 } from './meta-v1.schema';
import { policyV1 } from './policy-v1.schema';
import { rbacV1 } from './rbac-v1.schema';
import { schedulingV1 } from './scheduling-v1.schema';

export const messages = compileTables(
  metaV1,
  coreV1,
  appsV1,
  autoscalingV1,
  batchV1,
  certificatesV1,
  coordinationV1,
  discoveryV1,
  eventsV1,
  authorizationV1,
  authenticationV1,
  rbacV1,
  policyV1,
  schedulingV1,
);
