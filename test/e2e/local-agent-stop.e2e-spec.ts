// The local node's pods stop with the control plane even when its agent cannot stop them: here
// the agent has crashed (kill -9) and waits for its restart when Ctrl-C comes, and the control
// plane runs the agent once more, with --stop-pods, for its pods.
import { readFileSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Kubectl } from '@kubenest/testing/kubectl';
import { waitFor } from '@kubenest/testing/wait';
import { localNodeName } from '../../apps/apiserver/local-agent/local-node-name';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';
import { processAlive } from './resilience-support/postgres-processes';

jest.setTimeout(180_000);

const LOCAL = localNodeName(hostname());

const agentPid = (agentDir: string): number | undefined =>
  readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .find((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return args.includes('apps/agent/main.js') && args.includes(agentDir);
      } catch {
        return false;
      }
    });

describe('the local agent', () => {
  let server: KubenestProcess;
  let podPid: number | undefined;

  beforeAll(async () => {
    server = await launchKubenest({ env: { KUBENEST_LOCAL_AGENT: 'true' } });
  });

  afterAll(async () => {
    if (podPid && processAlive(podPid)) process.kill(-podPid, 'SIGKILL');
    await server?.destroy();
  });

  it('crashed, its pods still stop on Ctrl-C', async () => {
    const kubectl = new Kubectl(server.kubeconfig);
    await waitFor(`node ${LOCAL}`, async () => (await kubectl.run(['get', 'node', LOCAL])).code === 0, 60_000, 300);
    await kubectl.ok([
      'run',
      'left',
      '--image=busybox',
      '--restart=Never',
      `--overrides={"spec":{"nodeName":"${LOCAL}"}}`,
      '--command',
      '--',
      'sleep',
      '3600',
    ]);
    const agentDir = join(server.dataDir, 'agent');
    const uid = await kubectl.ok(['get', 'pod', 'left', '-o', 'jsonpath={.metadata.uid}']);
    const record = join(agentDir, 'pods', uid, 'left', 'process.json');
    podPid = await waitFor(
      'the pod process',
      () => {
        try {
          return JSON.parse(readFileSync(record, 'utf8')).pid as number;
        } catch {
          return undefined;
        }
      },
      60_000,
      200,
    );
    process.kill(agentPid(agentDir)!, 'SIGKILL');
    await waitFor('the agent gone', () => agentPid(agentDir) === undefined, 5_000, 20);
    // Before its restart (a second later): nothing runs that could stop the pod.
    const ending = await server.interrupt({ processGroup: true, timeoutMs: 30_000 });
    expect(ending).toEqual({ code: 0, signal: null });
    expect(processAlive(podPid)).toBe(false);
    // By the agent's program run for that (--stop-pods), not by code of the agent's in the control plane.
    expect(server.output()).toMatch(/\[agent [^\]]+\] .*stopped 1 container\(s\) left running in /);
  });
});
