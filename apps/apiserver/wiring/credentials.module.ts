// The cluster's certificates and the admin's credentials (CA, serving and admin certificates, the
// admin token and kubeconfig), made on first start, and the cluster-info a joining node reads.
import { DynamicModule, Module } from '@nestjs/common';
import {
  adminKubeconfigPath,
  adminTokenPath,
  ClusterPki,
  ensureAdminToken,
  ensureClusterPki,
  writeAdminKubeconfig,
} from '@kubenest/auth';
import { CLIENT_FOR, ClientFor } from '@kubenest/control-plane';
import { ApiserverConfig } from '../config';
import { publishClusterInfo } from './cluster-info';

/** Who the apiserver's own start-up writes are made as (kube-apiserver's loopback identity). */
export const APISERVER_USER = { name: 'system:apiserver', groups: ['system:masters'] };

export class ClusterCredentials {
  constructor(
    readonly pki: ClusterPki,
    readonly adminToken: string,
    /** The URL clients are given, e.g. in the admin kubeconfig. */
    readonly server: string,
    readonly kubeconfigPath: string,
    readonly adminTokenPath: string,
  ) {}

  static async ensure(config: ApiserverConfig): Promise<ClusterCredentials> {
    const pki = await ensureClusterPki(config.dataDir, { extraHosts: [config.host] });
    const adminToken = await ensureAdminToken(config.dataDir);
    const server = `https://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    const kubeconfigPath = adminKubeconfigPath(config.dataDir);
    await writeAdminKubeconfig(kubeconfigPath, {
      server,
      caPem: pki.ca.certPem,
      clientCertPem: pki.admin.certPem,
      clientKeyPem: pki.admin.keyPem,
    });
    return new ClusterCredentials(pki, adminToken, server, kubeconfigPath, adminTokenPath(config.dataDir));
  }
}

/** Provided only so that its factory, which publishes cluster-info, runs once at start; nothing injects it. */
const CLUSTER_INFO = Symbol('cluster-info');

@Module({})
export class CredentialsModule {
  /** `controllers` is the ControllersModule whose clients cluster-info is written with. */
  static forRoot(config: ApiserverConfig, controllers: DynamicModule): DynamicModule {
    return {
      module: CredentialsModule,
      imports: [controllers],
      providers: [
        { provide: ClusterCredentials, useFactory: () => ClusterCredentials.ensure(config) },
        {
          provide: CLUSTER_INFO,
          useFactory: (clientFor: ClientFor, credentials: ClusterCredentials) =>
            publishClusterInfo(clientFor(APISERVER_USER), credentials.server, credentials.pki.ca.certPem),
          inject: [CLIENT_FOR, ClusterCredentials],
        },
      ],
      exports: [ClusterCredentials],
    };
  }
}
