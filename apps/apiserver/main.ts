// Entry point of `npm start`: validated configuration, then the control plane until Ctrl-C,
// SIGTERM (a supervisor's stop) or SIGHUP (the terminal closing).
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config';
import { startControlPlane } from './control-plane';
import { ApiserverLogger, useColour } from './logging/apiserver-logger';
import { startUpSummary } from './logging/start-up-summary';

const logger = new Logger('kubenest');

const main = async (): Promise<void> => {
  const config = loadConfig(process.env, process.argv.slice(2));
  const colour = useColour(process.stdout.isTTY, process.env);
  // The local agent writes into this process's output: it colours only if this process does.
  if (!colour) process.env.NO_COLOR = '1';
  Logger.overrideLogger(new ApiserverLogger(config.logLevel, colour));
  const plane = await startControlPlane(config);
  process.stdout.write(startUpSummary(plane));
  let stopping = false;
  // A terminal's Ctrl-C reaches this process twice under npm (from the terminal and from npm,
  // which passes it on): the stop already under way goes on.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    let code = 0;
    try {
      await plane.close();
    } catch (e) {
      logger.error(`stopping failed: ${(e as Error)?.stack ?? String(e)}`);
      code = 1;
    }
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
};

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    logger.error((e as Error)?.stack ?? String(e));
  }
  process.exit(1);
});
