// A control plane and one real agent joined on loopback, for the pod e2e tests: the bootstrap
// token is created with kubectl, as kubeadm does, and the agent runs from dist/ as `npm run agent`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caPublicKeyHash } from '@kubenest/pki/ca-public-key-hash';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';
import { startAgentProcess, stopAgentAndPods } from './agent-process';
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
  const agent = startAgentProcess(args);
  const { child, output } = agent;
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
      await stopAgentAndPods(agent, dataDir);
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
