// Simulated nodes for the e2e files that need pods scheduled and running: one agent process joins
// `count` nodes with a bootstrap token, and a wait for the Ready nodes that shows the agents'
// output when it times out, as an agent that fails to join says why only there.
import { caPublicKeyHash } from '@kubenest/pki/ca-public-key-hash';
import type { Kubectl } from '@kubenest/testing/kubectl';
import type { KubenestServer } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';
import { AgentProcess, startAgentProcess } from './agent-process';

export interface SimulatedFleet {
  /** The agent's name; its nodes are `<name>-0`, `<name>-1`, ... */
  name: string;
  dataDir: string;
  count: number;
  /** A bootstrap token the server already holds (see bootstrapTokenManifest). */
  token: string;
  /** Node size flags and the like: --cpu, --memory, --pods. */
  extraArgs?: string[];
}

export const startSimulatedNodes = (
  server: Pick<KubenestServer, 'url' | 'caPem'>,
  { name, dataDir, count, token, extraArgs = [] }: SimulatedFleet,
): AgentProcess =>
  startAgentProcess([
    '--server',
    server.url,
    '--token',
    token,
    '--ca-cert-hash',
    caPublicKeyHash(server.caPem),
    '--name',
    name,
    '--data-dir',
    dataDir,
    '--simulate',
    String(count),
    ...extraArgs,
  ]);

interface NodeReadiness {
  metadata: { name: string };
  status: { conditions?: { type: string; status: string }[] };
}

export const readyNodeNames = async (kubectl: Kubectl): Promise<string[]> =>
  (JSON.parse(await kubectl.ok(['get', 'nodes', '-o', 'json'])).items as NodeReadiness[])
    .filter((n) => n.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((n) => n.metadata.name);

export const waitForReadyNodes = async (
  kubectl: Kubectl,
  count: number,
  agents: readonly AgentProcess[],
  timeoutMs = 60_000,
): Promise<void> => {
  await waitFor(
    `${count} Ready nodes`,
    async () => (await readyNodeNames(kubectl)).length === count,
    timeoutMs,
    250,
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n${agents.map((a) => `agent: ${a.output()}`).join('\n')}`);
  });
};
