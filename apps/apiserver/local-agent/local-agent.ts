// A node out of the box, as a k3s server runs its own kubelet: the control plane starts the agent
// (dist/apps/agent/main.js) as a supervised child that joins through the same bootstrap protocol,
// named after this host, its identity kept in <data-dir>/agent so a restart does not join again.
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { caPublicKeyHash } from '@kubenest/auth/pki/ca-public-key-hash';
import type { GenericStore, RequestUser } from '@kubenest/registry';
import { LocalAgentTokens } from './local-agent-token';
import { localNodeName } from './local-node-name';
import { ProcessSupervisor } from './process-supervisor';
import { LOCAL_AGENT_RESTART } from './restart-backoff';

export interface LocalAgentSettings {
  /** The apiserver's own URL, reachable from this host. */
  server: string;
  caPem: string;
  /** The control plane's data directory; the agent keeps its files in <dataDir>/agent. */
  dataDir: string;
  secrets: GenericStore;
  user: RequestUser;
}

export interface LocalAgent {
  nodeName: string;
  stop(): Promise<void>;
}

// Compiled layout: dist/apps/apiserver/local-agent/ beside dist/apps/agent/.
const AGENT_MAIN = join(__dirname, '..', '..', 'agent', 'main.js');
const STOP_TIMEOUT_MS = 15_000;

/** The URL the agent dials: a wildcard bind address is reached on loopback. */
export const localServerUrl = (host: string, port: number): string => {
  const dial = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `https://${dial.includes(':') ? `[${dial}]` : dial}:${port}`;
};

export function startLocalAgent(settings: LocalAgentSettings): LocalAgent {
  const nodeName = localNodeName(hostname());
  const tokens = new LocalAgentTokens(settings.secrets, settings.user);
  const caCertHash = caPublicKeyHash(settings.caPem);
  const prefix = `[agent ${nodeName}] `;
  const supervisor = new ProcessSupervisor(
    'LocalAgent',
    async () => {
      const token = await tokens.next(nodeName);
      const args = ['--server', settings.server, '--token', token, '--ca-cert-hash', caCertHash];
      args.push('--name', nodeName, '--data-dir', join(settings.dataDir, 'agent'));
      return spawn(process.execPath, [AGENT_MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    },
    {
      policy: LOCAL_AGENT_RESTART,
      stopTimeoutMs: STOP_TIMEOUT_MS,
      output: (line, stream) => (stream === 'stdout' ? process.stdout : process.stderr).write(`${prefix}${line}\n`),
    },
  );
  supervisor.start();
  return {
    nodeName,
    stop: async () => {
      await supervisor.stop();
      await tokens.revoke();
    },
  };
}
