// How the control plane runs the agent: its program (dist/apps/agent/main.js) with flags, as any
// user would, never its code imported (an app imports only libs). Each run gets its own process
// group, so that a terminal's Ctrl-C reaches the control plane only, and only the environment the
// agent needs.
import { ChildProcess, spawn, StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { forwardOutput, OutputListener } from './child-output';
import { localAgentEnv } from './local-agent-env';

// Compiled layout: dist/apps/apiserver/local-agent/ beside dist/apps/agent/.
const AGENT_MAIN = join(__dirname, '..', '..', 'agent', 'main.js');

const logger = new Logger('LocalAgent');

export const spawnAgent = (args: readonly string[], stdio: StdioOptions): ChildProcess =>
  spawn(process.execPath, [AGENT_MAIN, ...args], { env: localAgentEnv(process.env), detached: true, stdio });

/**
 * Runs `agent --stop-pods` on the agent's data directory: the containers an agent left running
 * stop, when it could not stop them itself (it had crashed and waited for its restart, or hung and
 * was killed). Never throws: the control plane goes on stopping; a run past timeoutMs is killed.
 */
export async function stopLeftPods(agentDir: string, output: OutputListener, timeoutMs: number): Promise<void> {
  const child = spawnAgent(['--stop-pods', '--data-dir', agentDir], ['ignore', 'pipe', 'pipe']);
  forwardOutput(child, output);
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const ended = await new Promise<string>((resolve) => {
    child.once('error', (e) => resolve(e.message));
    child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`));
  });
  clearTimeout(killer);
  if (ended !== 'code 0') logger.warn(`stopping the pods the local agent left running failed (${ended})`);
}
