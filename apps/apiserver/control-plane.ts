// Starts the control plane: its providers below HTTP (the database, store, registry with its
// caches, credentials and loops; see wiring/control-plane.module.ts), then the HTTPS server on
// them, then the local agent. Closing stops them in the reverse order.
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { INestApplicationContext } from '@nestjs/common';
import { mkdir } from 'node:fs/promises';
import { BootstrapTokenAuthenticator, NodeGraph, TokenAuthenticators } from '@kubenest/auth';
import { resources } from '@kubenest/client';
import { CLIENT_FOR, ClientFor } from '@kubenest/control-plane';
import { tlsServerPolicy } from '@kubenest/pki';
import { ResourceRegistry, ResourceStores } from '@kubenest/registry';
import { ApiserverModule } from './apiserver.module';
import { ApiserverConfig } from './config';
import { mountSwaggerConsole } from './docs';
import { connectionLimits } from './http/connection-limits';
import { localServerUrl, startLocalAgent } from './local-agent';
import { ControllerManager } from './controller-manager';
import { CONTROLLER_MANAGER } from './wiring/builtin-loops.module';
import { ControlPlaneModule } from './wiring/control-plane.module';
import { APISERVER_USER, ClusterCredentials } from './wiring/credentials.module';
import { Database } from './wiring/database.module';

export interface ControlPlane {
  url: string;
  kubeconfigPath: string;
  adminTokenPath: string;
  /** The local agent's node, when one runs. */
  nodeName?: string;
  /** Where the store is: the embedded server's data directory, or "DATABASE_URL". */
  database: string;
  /** The served kinds; kinds added or removed here are served, discovered and documented at once. */
  registry: ResourceRegistry;
  close(): Promise<void>;
}

const startHttps = async (
  config: ApiserverConfig,
  plane: INestApplicationContext,
  credentials: ClusterCredentials,
): Promise<NestExpressApplication> => {
  const stores = plane.get(ResourceStores);
  const { pki } = credentials;
  const apiserverModule = ApiserverModule.forRoot({
    stores,
    adminToken: credentials.adminToken,
    nodeGraph: plane.get(NodeGraph),
    livenessChecks: plane.get(Database).livenessChecks,
    inFlight: {
      maxRequestsInFlight: config.maxRequestsInflight,
      maxMutatingRequestsInFlight: config.maxMutatingRequestsInflight,
    },
  });
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
  try {
    const controllers = plane.get<ControllerManager>(CONTROLLER_MANAGER, { strict: false });
    app.get(TokenAuthenticators).add(new BootstrapTokenAuthenticator(controllers.getSecret));
    mountSwaggerConsole(app, stores.registry);
    await app.listen(config.port, config.host);
    return app;
  } catch (e) {
    await app.close();
    throw e;
  }
};

export const startControlPlane = async (config: ApiserverConfig): Promise<ControlPlane> => {
  await mkdir(config.dataDir, { recursive: true, mode: 0o755 });
  // A provider failing while the plane is built leaves its embedded PostgreSQL to this process's
  // exit, which stops it; from here on a failure stops what has started, in order.
  const plane = await NestFactory.createApplicationContext(ControlPlaneModule.forRoot(config), { abortOnError: false });
  let https: NestExpressApplication | undefined;
  try {
    const credentials = plane.get(ClusterCredentials);
    https = await startHttps(config, plane, credentials);
    const agent = config.localAgent
      ? startLocalAgent({
          server: localServerUrl(config.host, config.port),
          caPem: credentials.pki.ca.certPem,
          dataDir: config.dataDir,
          secrets: plane.get<ClientFor>(CLIENT_FOR, { strict: false })(APISERVER_USER).resource(resources.secrets),
        })
      : undefined;
    // The agent revokes its bootstrap token through the in-process client, so it stops before anything else.
    const server = https;
    const close = async () => {
      await agent?.stop();
      await server.close();
      await plane.close();
    };
    return {
      url: credentials.server,
      kubeconfigPath: credentials.kubeconfigPath,
      adminTokenPath: credentials.adminTokenPath,
      nodeName: agent?.nodeName,
      database: plane.get(Database).description,
      registry: plane.get(ResourceRegistry, { strict: false }),
      close,
    };
  } catch (e) {
    await https?.close();
    await plane.close();
    throw e;
  }
};
