// A node agent run from dist/ as `npm run agent` runs it, its output kept, for the e2e tests that
// start, stop and restart agents themselves.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');

export interface AgentProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
}

/** prefix: a command the agent runs under, such as `ip netns exec <ns>`. */
const agentMain = join(repoRoot, 'dist/apps/agent/main.js');

export const startAgentProcess = (args: string[], prefix: string[] = []): AgentProcess => {
  const command = [...prefix, process.execPath, agentMain, ...args];
  const child = spawn(command[0], command.slice(1), { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d.toString()));
  child.stderr!.on('data', (d) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
};

/**
 * Stops an agent (SIGTERM, then SIGKILL after 15 s), then the pods it leaves running, as kubelet
 * leaves its containers, through the agent's own `--stop-pods`: a test leaves no process behind.
 */
export const stopAgentAndPods = async (agent: AgentProcess | undefined, dataDir: string): Promise<void> => {
  const child = agent?.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await agent.exited;
    clearTimeout(killer);
  }
  execFileSync(process.execPath, [agentMain, '--stop-pods', '--data-dir', dataDir], {
    stdio: 'ignore',
    timeout: 30_000,
  });
};
