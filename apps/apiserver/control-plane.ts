// Starts the control plane: the database (embedded unless DATABASE_URL), the store, the
// certificates and credentials, the registry with its caches, and the HTTPS server.
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinStrategies } from '@kubenest/api/all-strategies';
import {
  adminTokenPath,
  BootstrapTokenAuthenticator,
  CertificateSubjectRestriction,
  CsrRequester,
  NamespaceLifecycle,
  NodeGraph,
  NodeRestriction,
  TokenAuthenticators,
  adminKubeconfigPath,
  ensureAdminToken,
  ensureClusterInfo,
  ensureClusterPki,
  writeAdminKubeconfig,
} from '@kubenest/auth';
import { tlsServerPolicy } from '@kubenest/pki';
import { AdmissionChain, ResourceRegistry, ResourceStores } from '@kubenest/registry';
import { PostgresStore, startCompactor, startSupervisedPostgres } from '@kubenest/storage';
import { ApiserverModule } from './apiserver.module';
import { ApiserverConfig } from './config';
import { controllerManager } from './controller-manager';
import { mountSwaggerConsole } from './docs';
import { connectionLimits } from './http/connection-limits';
import { embeddedPostgresCheck, HealthCheck } from './http/health-checks';
import { localServerUrl, startLocalAgent } from './local-agent';
import { ensureSystemNamespaces } from './system-namespaces';

export interface ControlPlane {
  url: string;
  kubeconfigPath: string;
  adminTokenPath: string;
  /** The local agent's node, when one runs. */
  nodeName?: string;
  /** Where the store is: the embedded server's data directory, or "DATABASE_URL". */
  database: string;
  /** The served kinds, which may change while running (CRDs; in-process tests add kinds through it). */
  registry: ResourceRegistry;
  close(): Promise<void>;
}

/** How long the embedded PostgreSQL may stay down, restarts included, before /livez fails. */
const POSTGRES_MAX_DOWN_MS = 20_000;

/** Who the apiserver's own start-up writes are made as (kube-apiserver's loopback identity). */
const APISERVER_USER = { name: 'system:apiserver', groups: ['system:masters'] };

export const startControlPlane = async (config: ApiserverConfig): Promise<ControlPlane> => {
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c();
  };
  try {
    await mkdir(config.dataDir, { recursive: true, mode: 0o755 });
    let url = config.databaseUrl;
    let database = 'DATABASE_URL';
    const livenessChecks: HealthCheck[] = [];
    if (!url) {
      const embedded = await startSupervisedPostgres({
        dataDir: join(config.dataDir, 'pg'),
        port: config.postgresPort,
      });
      closers.push(() => embedded.stop());
      url = embedded.url;
      database = `embedded PostgreSQL in ${embedded.socketDir}`;
      livenessChecks.push(embeddedPostgresCheck(() => embedded.downSince(), POSTGRES_MAX_DOWN_MS));
    }
    const store = await PostgresStore.open({ url });
    closers.push(() => store.close());
    const compactor = startCompactor(store, { windowMs: config.compactionWindowSeconds * 1000 });
    closers.push(() => compactor.stop());

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

    const registry = new ResourceRegistry(builtinStrategies);
    // As kube's NamespaceLifecycle: the informer's copy first, a live read only when it has none yet.
    const stores: ResourceStores = new ResourceStores(
      registry,
      store,
      new AdmissionChain([
        new NamespaceLifecycle((name) => controllers.getNamespace(undefined, name)),
        new CsrRequester(),
        new NodeRestriction(),
        new CertificateSubjectRestriction(),
      ]),
    );
    const nodeGraph = new NodeGraph();
    const controllers = controllerManager({
      stores,
      nodeGraph,
      ca: pki.ca,
      nodeMonitorGracePeriodSeconds: config.nodeMonitorGracePeriodSeconds,
      apiserverUser: APISERVER_USER,
    });
    await stores.start();
    closers.push(() => stores.stop());
    await ensureSystemNamespaces(stores);
    await ensureClusterInfo(stores.byKind('', 'ConfigMap')!.store, server, pki.ca.certPem, APISERVER_USER);
    controllers.start();
    closers.push(() => controllers.stop());

    const inFlight = {
      maxRequestsInFlight: config.maxRequestsInflight,
      maxMutatingRequestsInFlight: config.maxMutatingRequestsInflight,
    };
    const apiserverModule = ApiserverModule.forRoot({ stores, adminToken, nodeGraph, livenessChecks, inFlight });
    const app = await NestFactory.create<NestExpressApplication>(apiserverModule, {
      bodyParser: false,
      // Open watches must not hold up Ctrl-C: closing ends every connection.
      forceCloseConnections: true,
      httpsOptions: {
        key: pki.serving.keyPem,
        cert: pki.serving.certPem,
        ca: pki.ca.certPem,
        requestCert: true,
        rejectUnauthorized: false,
        ...tlsServerPolicy,
        ...connectionLimits,
      },
    });
    app.get(TokenAuthenticators).add(new BootstrapTokenAuthenticator(controllers.getSecret));
    mountSwaggerConsole(app, registry);
    await app.listen(config.port, config.host);
    closers.push(() => app.close());
    let nodeName: string | undefined;
    if (config.localAgent) {
      const secrets = stores.byKind('', 'Secret')!.store;
      const server = localServerUrl(config.host, config.port);
      const agent = startLocalAgent({
        server,
        caPem: pki.ca.certPem,
        dataDir: config.dataDir,
        secrets,
        user: APISERVER_USER,
      });
      closers.push(() => agent.stop());
      nodeName = agent.nodeName;
    }
    return {
      url: server,
      kubeconfigPath,
      adminTokenPath: adminTokenPath(config.dataDir),
      nodeName,
      database,
      registry,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
};
