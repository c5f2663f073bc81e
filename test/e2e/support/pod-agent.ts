// A control plane and one real agent joined on loopback, for the pod e2e tests: the bootstrap
// token is created with kubectl, as kubeadm does, and the agent runs from dist/ as `npm run agent`.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caPublicKeyHash } from '@kubenest/auth/pki/ca-public-key-hash';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';
import { startAgentProcess } from './agent-process';
import { bootstrapTokenManifest } from './bootstrap-token';

const TOKEN = 'e2epod.0123456789abcdef';

export interface PodAgentCluster {
  server: KubenestServer;
  kubectl: Kubectl;
  nodeName: string;
  dataDir: string;
  /** The agent's process, e.g. to stop it (SIGSTOP) without closing its connections. */
  agentPid: number;
  agentOutput(): string;
  stop(): Promise<void>;
}

const stopProcess = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
  if (child.exitCode === null) child.kill('SIGKILL');
};

/** serverEnv: settings for the control plane, e.g. a short KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS. */
export async function startPodAgentCluster(
  nodeName: string,
  serverEnv: Record<string, string> = {},
): Promise<PodAgentCluster> {
  const server = await startKubenest(serverEnv);
  const kubectl = new Kubectl(server.kubeconfig);
  await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
  const dataDir = mkdtempSync(join(tmpdir(), 'kubenest-pod-agent-'));
  const args = ['--server', server.url, '--name', nodeName, '--data-dir', dataDir, '--token', TOKEN];
  args.push('--ca-cert-hash', caPublicKeyHash(server.caPem));
  const { child, output } = startAgentProcess(args);
  await waitFor(
    `node ${nodeName} Ready`,
    async () => (await kubectl.ok(['get', 'node', nodeName])).match(new RegExp(`${nodeName}\\s+Ready`)) ?? undefined,
    60_000,
    300,
  ).catch((e) => {
    throw new Error(`${(e as Error).message}\nagent: ${output()}`);
  });
  return {
    server,
    kubectl,
    nodeName,
    dataDir,
    agentPid: child.pid!,
    agentOutput: output,
    stop: async () => {
      await stopProcess(child);
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
