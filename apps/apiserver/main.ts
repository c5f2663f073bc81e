// Entry point of `npm start`: validated configuration, then the control plane until Ctrl-C.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config';
import { startControlPlane } from './control-plane';

const logger = new Logger('kubenest');

const main = async (): Promise<void> => {
  const config = loadConfig(process.env, process.argv.slice(2));
  const plane = await startControlPlane(config);
  logger.log(`Kubenest is serving on ${plane.url}`);
  logger.log(`Admin kubeconfig: ${plane.kubeconfigPath}`);
  logger.log(`  export KUBECONFIG=${plane.kubeconfigPath}; kubectl get namespaces`);
  logger.log(`Swagger console: ${plane.url}/docs (Authorize with the admin token: ${plane.adminToken})`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await plane.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
};

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    logger.error((e as Error)?.stack ?? String(e));
  }
  process.exit(1);
});
