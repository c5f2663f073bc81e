// The cluster's certificates and the admin's credentials (CA, serving and admin certificates, the
// admin token and kubeconfig), made on first start, and the cluster-info a joining node reads.
import { DynamicModule, Module } from '@nestjs/common';
import {
  adminKubeconfigPath,
  adminTokenPath,
  ClusterPki,
  ensureAdminToken,
  ensureClusterInfo,
  ensureClusterPki,
  writeAdminKubeconfig,
} from '@kubenest/auth';
import { ResourceStores } from '@kubenest/registry';
import { ApiserverConfig } from '../config';

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

/** The token of the kube-public/cluster-info ConfigMap's publication, done once at start. */
export const CLUSTER_INFO = Symbol('cluster-info');

@Module({})
export class CredentialsModule {
  /** `registry` is the RegistryModule cluster-info is written through. */
  static forRoot(config: ApiserverConfig, registry: DynamicModule): DynamicModule {
    return {
      module: CredentialsModule,
      imports: [registry],
      providers: [
        { provide: ClusterCredentials, useFactory: () => ClusterCredentials.ensure(config) },
        {
          provide: CLUSTER_INFO,
          useFactory: (stores: ResourceStores, credentials: ClusterCredentials) =>
            ensureClusterInfo(
              stores.byKind('', 'ConfigMap')!.store,
              credentials.server,
              credentials.pki.ca.certPem,
              APISERVER_USER,
            ),
          inject: [ResourceStores, ClusterCredentials],
        },
      ],
      exports: [ClusterCredentials],
    };
  }
}
