// An agent run from dist/ for the benchmarks that drive simulated node fleets; its output kept
// for the report when a run fails.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

const agentMain = path.join(path.resolve(__dirname, '../..'), 'dist/apps/agent/main.js');

export interface AgentProcess {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export const startAgentProcess = (args: string[]): AgentProcess => {
  let log = '';
  const child = spawn(process.execPath, [agentMain, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  return {
    child,
    output: () => log,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
};
