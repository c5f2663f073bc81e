// Entry point of `npm run agent`: validated flags, then the node(s) until SIGINT/SIGTERM. A bad
// flag, token or CA hash ends it with one line on stderr and exit code 1.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { RunningAgent, startAgent } from './agent';
import { ConfigError, loadAgentConfig } from './config';
import { JoinError } from './join';

const logger = new Logger('kubenest-agent');

const main = async (): Promise<void> => {
  const config = loadAgentConfig(process.argv.slice(2));
  const abort = new AbortController();
  const running: { agent?: RunningAgent } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    abort.abort();
    await running.agent?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const agent = await startAgent(config, abort.signal);
  running.agent = agent;
  logger.log(
    `serving ${agent.nodes.length === 1 ? `node ${agent.nodes[0]}` : `${agent.nodes.length} nodes`} on ${config.server}`,
  );
};

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof JoinError) process.stderr.write(`${e.message}\n`);
  else if ((e as Error)?.name === 'AbortError') process.exit(0);
  else logger.error((e as Error)?.stack ?? String(e));
  process.exit(1);
});
