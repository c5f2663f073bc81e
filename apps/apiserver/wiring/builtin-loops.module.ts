// The loops that still run on the registry rather than on the kit (the node graph behind the Node
// authorizer, node Lease observations, CSR approval and signing, namespace deletion): each a
// provider started once the caches are, and stopped before them.
import { DynamicModule, Module } from '@nestjs/common';
import { NodeGraph } from '@kubenest/auth';
import {
  LeaseObserver,
  startCertificateController,
  startLeaseObserver,
  startNamespaceController,
  startNodeGraphPopulator,
} from '@kubenest/controllers';
import { ResourceStores } from '@kubenest/registry';
import { ApiserverConfig } from '../config';
import { ClusterCredentials } from './credentials.module';
import { StopsOnShutdown } from './stops-on-shutdown';

const NODE_GRAPH_POPULATOR = Symbol('node-graph-populator');
const LEASE_OBSERVER = Symbol('lease-observer');
const CERTIFICATE_CONTROLLER = Symbol('certificate-controller');
const NAMESPACE_CONTROLLER = Symbol('namespace-controller');

@Module({})
export class BuiltinLoopsModule {
  /** `controllers` brings the registry and the node graph; `credentials` the CA the CSR loop signs with. */
  static forRoot(config: ApiserverConfig, controllers: DynamicModule, credentials: DynamicModule): DynamicModule {
    return {
      module: BuiltinLoopsModule,
      imports: [controllers, credentials],
      providers: [
        {
          provide: NODE_GRAPH_POPULATOR,
          useFactory: (stores: ResourceStores, graph: NodeGraph) =>
            new StopsOnShutdown(startNodeGraphPopulator({ pods: stores.byKind('', 'Pod')!, graph })),
          inject: [ResourceStores, NodeGraph],
        },
        {
          provide: LEASE_OBSERVER,
          useFactory: (stores: ResourceStores) =>
            new StopsOnShutdown(
              startLeaseObserver({
                leases: stores.byKind('coordination.k8s.io', 'Lease')!,
                gracePeriodSeconds: config.nodeMonitorGracePeriodSeconds,
              }),
            ),
          inject: [ResourceStores],
        },
        {
          provide: CERTIFICATE_CONTROLLER,
          useFactory: (
            stores: ResourceStores,
            leases: StopsOnShutdown<LeaseObserver>,
            credentials: ClusterCredentials,
          ) =>
            new StopsOnShutdown(
              startCertificateController({
                csrs: stores.byKind('certificates.k8s.io', 'CertificateSigningRequest')!,
                nodes: stores.byKind('', 'Node')!,
                leases: leases.running,
                ca: credentials.pki.ca,
              }),
            ),
          inject: [ResourceStores, LEASE_OBSERVER, ClusterCredentials],
        },
        {
          provide: NAMESPACE_CONTROLLER,
          useFactory: (stores: ResourceStores) => new StopsOnShutdown(startNamespaceController({ stores })),
          inject: [ResourceStores],
        },
      ],
    };
  }
}
