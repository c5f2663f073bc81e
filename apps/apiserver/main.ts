// Entry point of `npm start`: validated configuration, then the control plane until Ctrl-C,
// SIGTERM (a supervisor's stop) or SIGHUP (the terminal closing); see stop-signals.ts.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config';
import { startControlPlane } from './control-plane';
import { ApiserverLogger, useColour } from './logging/apiserver-logger';
import { startUpSummary } from './logging/start-up-summary';
import { processSignalDeps, StopSignal, stopOnSignals } from './stop-signals';

const logger = new Logger('kubenest');

const main = async (): Promise<void> => {
  const config = loadConfig(process.env, process.argv.slice(2));
  const colour = useColour(process.stdout.isTTY, process.env);
  // The local agent writes into this process's output: it colours only if this process does.
  if (!colour) process.env.NO_COLOR = '1';
  Logger.overrideLogger(new ApiserverLogger(config.logLevel, colour));
  // Signals are taken from the start: one during start-up stops what it has started once it is up
  // (the embedded PostgreSQL runs in its own process group: dying at once would leave it running).
  const starting = startControlPlane(config);
  let stopping = false;
  const stop = async (signal: StopSignal) => {
    stopping = true;
    logger.log(`${signal}: stopping`);
    // A start that fails has stopped what it started, and is reported below.
    const plane = await starting.catch(() => undefined);
    if (!plane) return;
    let code = 0;
    try {
      await plane.close();
    } catch (e) {
      logger.error(`stopping failed: ${(e as Error)?.stack ?? String(e)}`);
      code = 1;
    }
    process.exit(code);
  };
  stopOnSignals(
    (signal) => void stop(signal),
    processSignalDeps((message) => logger.warn(message)),
  );
  const plane = await starting;
  if (!stopping) process.stdout.write(startUpSummary(plane));
};

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    logger.error((e as Error)?.stack ?? String(e));
  }
  process.exit(1);
});
