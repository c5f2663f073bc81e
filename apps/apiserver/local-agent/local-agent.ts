// A node out of the box, as a k3s server runs its own kubelet: the control plane starts the agent
// (dist/apps/agent/main.js) as a supervised child that joins through the same bootstrap protocol,
// named after this host, its identity kept in <data-dir>/agent so a restart does not join again.
// The agent runs in its own process group (a terminal's Ctrl-C reaches the control plane only)
// linked to it by an IPC channel: stop() closes the channel and the agent stops its node's pods,
// as it does if the control plane dies. Its bootstrap token is handed over in a 0600 file, never
// on the command line, and both go once the agent has joined.
import { mkdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PRIVATE_MODE, writeFileAtomic } from '@kubenest/pki/secret-files';
import { caPublicKeyHash } from '@kubenest/pki/ca-public-key-hash';
import type { RestartPolicy } from '@kubenest/apimachinery/wait';
import { isJoinedMessage } from '@kubenest/node-protocol';
import type { ResourceInterface } from '@kubenest/client';
import { spawnAgent, stopLeftPods } from './agent-command';
import { LocalAgentTokens } from './local-agent-token';
import { localNodeName } from './local-node-name';
import { ProcessSupervisor } from './process-supervisor';

export interface LocalAgentSettings {
  /** The apiserver's own URL, reachable from this host. */
  server: string;
  caPem: string;
  /** The control plane's data directory; the agent keeps its files in <dataDir>/agent. */
  dataDir: string;
  /** Secrets as the apiserver's own client writes them: the agent's bootstrap tokens go there. */
  secrets: ResourceInterface;
}

export interface LocalAgent {
  nodeName: string;
  stop(): Promise<void>;
}

/** Beyond the agent's own 5 s for its pods to stop (NODE_SHUTDOWN_GRACE_SECONDS). */
const STOP_TIMEOUT_MS = 10_000;
const TOKEN_FILE = 'bootstrap-token';
/** How soon the agent is started again after it exits. */
const LOCAL_AGENT_RESTART: RestartPolicy = { baseMs: 1000, maxMs: 60_000, healthyAfterMs: 60_000 };

/** The URL the agent dials: a wildcard bind address is reached on loopback. */
export const localServerUrl = (host: string, port: number): string => {
  const dial = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `https://${dial.includes(':') ? `[${dial}]` : dial}:${port}`;
};

export function startLocalAgent(settings: LocalAgentSettings): LocalAgent {
  const nodeName = localNodeName(hostname());
  const tokens = new LocalAgentTokens(settings.secrets);
  const caCertHash = caPublicKeyHash(settings.caPem);
  const agentDir = join(settings.dataDir, 'agent');
  const tokenFile = join(agentDir, TOKEN_FILE);
  const prefix = `[agent ${nodeName}] `;
  const output = (line: string, stream: 'stdout' | 'stderr') =>
    (stream === 'stdout' ? process.stdout : process.stderr).write(`${prefix}${line}\n`);
  /** The token is needed no more: the agent has joined, or has exited. */
  const dropToken = async (token: string) => {
    rmSync(tokenFile, { force: true });
    await tokens.revoke(token);
  };
  const supervisor = new ProcessSupervisor(
    'LocalAgent',
    async () => {
      const token = await tokens.next(nodeName);
      mkdirSync(agentDir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(tokenFile, `${token}\n`, PRIVATE_MODE);
      const args = ['--server', settings.server, '--token-file', tokenFile, '--ca-cert-hash', caCertHash];
      args.push('--name', nodeName, '--data-dir', agentDir);
      const child = spawnAgent(args, ['ignore', 'pipe', 'pipe', 'ipc']);
      child.on('message', (message) => {
        if (isJoinedMessage(message)) void dropToken(token);
      });
      child.once('exit', () => void dropToken(token));
      return child;
    },
    {
      policy: LOCAL_AGENT_RESTART,
      stopTimeoutMs: STOP_TIMEOUT_MS,
      requestStop: (child) => {
        if (child.connected) child.disconnect();
      },
      output,
    },
  );
  supervisor.start();
  return {
    nodeName,
    stop: async () => {
      await supervisor.stop();
      rmSync(tokenFile, { force: true });
      await tokens.revoke();
      // The agent stops its node's pods as it goes; one that had crashed (its restart still
      // waiting) or hung (killed) could not, and its pods go here instead.
      await stopLeftPods(agentDir, output, STOP_TIMEOUT_MS);
    },
  };
}
