// Entry point of `npm run agent`: validated flags, then the node(s) until SIGINT/SIGTERM, which
// stop the agent and leave its containers running as kubelet does. A local agent (started by the
// control plane, linked to it) also stops when that link closes, and its node's containers with
// it. With --stop-pods it serves nothing: it stops the containers an earlier run left running, and
// exits. A bad flag, token or CA hash ends it with one line on stderr and exit code 1.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { RunningAgent, startAgent } from './agent';
import { ConfigError, loadAgentConfig } from './config';
import { controlPlaneLink } from './control-plane-link';
import { JoinError } from './join';
import { stopLeftRunning } from './real-node';

const logger = new Logger('kubenest-agent');

// A local agent's output goes to its control plane: once that has died, writes fail (EPIPE), which
// must not end the agent before it has stopped its pods.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

const stopPodsLeftRunning = async (dataDir: string): Promise<never> => {
  const stopped = await stopLeftRunning(dataDir);
  if (stopped > 0) logger.log(`stopped ${stopped} container(s) left running in ${dataDir}`);
  process.exit(0);
};

const main = async (): Promise<void> => {
  const config = loadAgentConfig(process.argv.slice(2));
  if (config.stopPods) await stopPodsLeftRunning(config.dataDir);
  const abort = new AbortController();
  const running: { agent?: RunningAgent } = {};
  let stopping = false;
  const stop = async (why: string, nodeShutdown: boolean) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${why}: stopping${nodeShutdown ? ' the node and its pods' : ''}`);
    abort.abort();
    try {
      if (running.agent) await running.agent.stop({ nodeShutdown });
      // Still starting: what an earlier run left running has not been adopted yet.
      else if (nodeShutdown && config.simulate === 0) await stopLeftRunning(config.dataDir);
    } catch (e) {
      logger.error(`stopping: ${(e as Error).stack ?? String(e)}`);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT', false));
  process.on('SIGTERM', () => void stop('SIGTERM', false));
  const link = controlPlaneLink();
  link?.onClosed(() => void stop('the control plane has gone', true));
  let agent: RunningAgent;
  try {
    agent = await startAgent(config, { signal: abort.signal, onJoined: () => link?.joined() });
  } catch (e) {
    // A start that stop() aborted: stop() exits once it has stopped what it must.
    if (stopping) return;
    throw e;
  }
  running.agent = agent;
  logger.log(
    `serving ${agent.nodes.length === 1 ? `node ${agent.nodes[0]}` : `${agent.nodes.length} nodes`} on ${config.server}`,
  );
};

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof JoinError) process.stderr.write(`${e.message}\n`);
  else logger.error((e as Error)?.stack ?? String(e));
  process.exit(1);
});
