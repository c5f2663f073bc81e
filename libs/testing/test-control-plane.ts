// The control plane in one process without HTTP, as envtest runs an apiserver for
// controller-runtime's tests: the same registry and controllers modules as the apiserver, on a
// FakeStore (or the store given, e.g. PostgreSQL), with the chosen loops running under their Lease.
import { Test } from '@nestjs/testing';
import {
  AUTHORIZER,
  Authorizer,
  clusterAuthorizer,
  NodeGraph,
  PolicyAuthorizer,
  PolicyBinding,
  UnionAuthorizer,
} from '@kubenest/auth';
import type { ResourceClient } from '@kubenest/client';
import {
  CLIENT_FOR,
  ClientFor,
  ControllersModule,
  Identity,
  RegistryModule,
  SchedulerModule,
  SchedulerModuleOptions,
  StorageModule,
} from '@kubenest/control-plane';
import { Loop, LoopManager, LoopManagerOptions } from '@kubenest/controllers';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { ResourceStores } from '@kubenest/registry';
import { ElectedScheduler } from '@kubenest/scheduler';
import type { Store } from '@kubenest/storage';

/** Who the admin client acts as: kube's superuser group. */
const TEST_ADMIN = { name: 'test-admin', groups: ['system:masters'] };

export interface TestControlPlaneOptions {
  /** The store the registry runs on; a new FakeStore when absent. Stopping the plane closes it. */
  store?: Store;
  /** Loops declared with the kit, run under leader election as in the apiserver. */
  loops?: Loop[];
  /** Grants besides the default policy, as the RBAC objects a test would create. */
  grants?: PolicyBinding[];
  /** Election timings and the like. */
  manager?: Omit<LoopManagerOptions, 'clientFor'>;
  /** Runs the scheduler too, under its Lease, as the apiserver does (true: kube's default profile). */
  scheduler?: boolean | Omit<SchedulerModuleOptions, 'controllers'>;
}

export interface TestControlPlane {
  /** The API as an identity, through authorization and admission. */
  clientFor(identity: Identity): ResourceClient;
  /** The API as a member of system:masters. */
  admin: ResourceClient;
  stores: ResourceStores;
  loops: LoopManager;
  /** The scheduler, when asked for. */
  scheduler?: ElectedScheduler;
  /** Stops the loops (and the scheduler), then the caches, then closes the store. */
  stop(): Promise<void>;
}

const authorizerWith = (grants: PolicyBinding[], nodeGraph: NodeGraph): Authorizer =>
  new UnionAuthorizer([new PolicyAuthorizer(grants), clusterAuthorizer(nodeGraph)]);

export const startTestControlPlane = async (options: TestControlPlaneOptions = {}): Promise<TestControlPlane> => {
  const store = options.store ?? new FakeStore();
  const nodeGraph = new NodeGraph();
  const registry = RegistryModule.forRoot(StorageModule.forRoot({ useFactory: () => store }));
  const controllers = ControllersModule.forRoot({
    registry,
    nodeGraph,
    loops: options.loops ?? [],
    manager: options.manager,
  });
  const scheduler =
    options.scheduler &&
    SchedulerModule.forRoot({ controllers, ...(options.scheduler === true ? {} : options.scheduler) });
  const builder = Test.createTestingModule({ imports: scheduler ? [controllers, scheduler] : [controllers] });
  if (options.grants) builder.overrideProvider(AUTHORIZER).useValue(authorizerWith(options.grants, nodeGraph));
  const plane = await builder.compile();
  await plane.init();
  const clientFor = plane.get<ClientFor>(CLIENT_FOR);
  return {
    clientFor,
    admin: clientFor(TEST_ADMIN),
    stores: plane.get(ResourceStores),
    loops: plane.get(LoopManager),
    scheduler: scheduler ? plane.get(ElectedScheduler) : undefined,
    stop: () => plane.close(),
  };
};
