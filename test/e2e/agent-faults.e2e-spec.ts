// Agents under faults, through the real processes: the local agent's bootstrap token never shows
// in a command line or a log line; agents outlive a 20 s apiserver stall (SIGSTOP/SIGCONT) and
// their nodes and tunnels come back; a standalone agent's restart adopts the pod processes it left
// running, as kubelet does with containers; the local agent's pods stop with the control plane,
// on Ctrl-C and when it is killed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { caPublicKeyHash } from '@kubenest/pki/ca-public-key-hash';
import { Kubectl } from '@kubenest/testing/kubectl';
import { waitFor } from '@kubenest/testing/wait';
import { localNodeName } from '../../apps/apiserver/local-agent/local-node-name';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';
import { postgresProcessesFor, processAlive } from './resilience-support/postgres-processes';
import { AgentProcess, startAgentProcess, stopAgentAndPods } from './support/agent-process';
import { bootstrapTokenManifest } from './support/bootstrap-token';
import { nodePod } from './support/node-pod';

jest.setTimeout(240_000);

const TOKEN = 'e2eflt.0123456789abcdef';
const STANDALONE = 'e2e-faults-node';
const LOCAL = localNodeName(hostname());
/** Longer than the tunnel's 20 s ping interval, counted from the dropped connections. */
const STALL_MS = 25_000;

/** Every process's command line, as any local user can read them. */
const commandLines = (): { pid: number; args: string }[] =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        return [{ pid: Number(pid), args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') }];
      } catch {
        return [];
      }
    });

/** Pids of the agents serving from this data directory. */
const agentPids = (agentDataDir: string): number[] =>
  commandLines()
    .filter(({ args }) => args.includes('apps/agent/main.js') && args.includes(agentDataDir))
    .map(({ pid }) => pid);

const stopAgent = async (agent: AgentProcess): Promise<number | null> => {
  if (agent.child.exitCode === null && agent.child.signalCode === null) agent.child.kill('SIGTERM');
  return agent.exited;
};

interface PodView {
  metadata: { uid: string };
  status: {
    phase: string;
    containerStatuses?: {
      restartCount: number;
      containerID?: string;
      state: { running?: { startedAt: string } };
      lastState: { terminated?: { exitCode: number; reason: string } };
    }[];
  };
}

const getPod = async (kubectl: Kubectl, name: string): Promise<PodView> =>
  JSON.parse(await kubectl.ok(['get', 'pod', name, '-o', 'json']));

/** The pod once its container runs with this restart count. */
const runningPod = (kubectl: Kubectl, name: string, restarts: number) =>
  waitFor(
    `${name} running`,
    async () => {
      const pod = await getPod(kubectl, name);
      const status = pod.status.containerStatuses?.[0];
      return status?.state.running && status.restartCount === restarts ? pod : undefined;
    },
    60_000,
    300,
  );

/** Kills the containers an agent left running (found as it would adopt them). */
const containerPid = (agentDataDir: string, uid: string): number =>
  JSON.parse(readFileSync(join(agentDataDir, 'pods', uid, 'main', 'process.json'), 'utf8')).pid;

/** A container that fails once (its emptyDir remembers), then ticks every 200 ms; a ConfigMap mounted. */
const tickerPod = (name: string, nodeName: string) =>
  JSON.stringify(
    nodePod(
      name,
      nodeName,
      [
        {
          name: 'main',
          image: 'busybox',
          command: [
            'sh',
            '-c',
            'test -e /data/ran || { touch /data/ran; exit 3; }; i=0; while :; do echo tick $i; i=$((i+1)); sleep 0.2; done',
          ],
          volumeMounts: [
            { name: 'data', mountPath: '/data' },
            { name: 'config', mountPath: '/config', readOnly: true },
          ],
        },
      ],
      {
        volumes: [
          { name: 'data', emptyDir: {} },
          { name: 'config', configMap: { name: 'faults-config' } },
        ],
      },
    ),
  );

/** A container that writes nothing (a closed output pipe would not end it) and sleeps. */
const quietPod = (name: string, nodeName: string) =>
  JSON.stringify(nodePod(name, nodeName, [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }]));

describe('agents under faults', () => {
  let server: KubenestProcess;
  let kubectl: Kubectl;
  const agentRoot = mkdtempSync(join(tmpdir(), 'kubenest-faults-'));
  const standaloneDir = join(agentRoot, 'agent');
  const tokenFile = join(agentRoot, 'bootstrap-token');
  let standalone: AgentProcess;
  const standaloneArgs = () => ['--server', server.url, '--name', STANDALONE, '--data-dir', standaloneDir];

  const get = (name: string) => getPod(kubectl, name);
  const running = (name: string, restarts: number) => runningPod(kubectl, name, restarts);
  const ready = (node: string) =>
    waitFor(
      `node ${node} Ready`,
      async () =>
        (await kubectl.ok(['get', 'node', node, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'])) ===
        'True',
      60_000,
      300,
    );
  const renewTime = (node: string) =>
    kubectl.ok(['get', 'lease', node, '-n', 'kube-node-lease', '-o', 'jsonpath={.spec.renewTime}']);

  beforeAll(async () => {
    server = await launchKubenest({ env: { KUBENEST_LOCAL_AGENT: 'true' } });
    kubectl = new Kubectl(server.kubeconfig);
    await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
    await kubectl.ok(['create', 'configmap', 'faults-config', '--from-literal=greeting=hello']);
    writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    standalone = startAgentProcess([
      ...standaloneArgs(),
      '--token-file',
      tokenFile,
      '--ca-cert-hash',
      caPublicKeyHash(server.caPem),
    ]);
    await Promise.all([ready(LOCAL), ready(STANDALONE)]).catch((e) => {
      throw new Error(`${(e as Error).message}\nagent: ${standalone.output()}\nserver: ${server.output()}`);
    });
  });

  afterAll(async () => {
    await stopAgentAndPods(standalone, standaloneDir);
    await server?.destroy();
    rmSync(agentRoot, { recursive: true, force: true });
  });

  it("keeps the local agent's token and key out of every command line and log line", async () => {
    const csrs: { spec: { username: string } }[] = JSON.parse(await kubectl.ok(['get', 'csr', '-o', 'json'])).items;
    const ids = csrs.map((c) => /^system:bootstrap:([a-z0-9]{6})$/.exec(c.spec.username)?.[1]);
    const localId = ids.find((id) => id && id !== TOKEN.split('.')[0]);
    expect(localId).toBeDefined();
    const token = new RegExp(`${localId}\\.[a-z0-9]{16}`);
    expect(commandLines().filter(({ args }) => token.test(args))).toEqual([]);
    expect(commandLines().filter(({ args }) => args.includes(TOKEN))).toEqual([]);
    expect(server.output()).not.toMatch(token);
    const agentDir = join(server.dataDir, 'agent');
    expect(existsSync(join(agentDir, 'bootstrap-token'))).toBe(false);
    const keyBody = readFileSync(join(agentDir, 'kubelet-client.key'), 'utf8').split('\n')[1];
    expect(server.output()).not.toContain(keyBody);
    expect(commandLines().filter(({ args }) => args.includes(keyBody) || args.includes(server.token))).toEqual([]);
  });

  it('outlives an apiserver stall of over 20 s: nodes Ready again, tunnels serving', async () => {
    await kubectl.ok(['create', '-f', '-'], { input: tickerPod('stall-pod', STANDALONE) });
    await running('stall-pod', 1);
    const [localAgent] = agentPids(join(server.dataDir, 'agent'));
    const before = { local: await renewTime(LOCAL), standalone: await renewTime(STANDALONE) };
    process.kill(server.pid, 'SIGSTOP');
    try {
      // The agents' connections drop as the stall begins (as through a proxy that gives up): their
      // tunnels dial again and stay connecting past their ping interval, until the apiserver resumes.
      execFileSync('ss', ['-K', 'dst', '127.0.0.1', 'dport', '=', String(server.port)], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, STALL_MS));
    } finally {
      process.kill(server.pid, 'SIGCONT');
    }
    await waitFor(
      'both leases renewed after the stall',
      async () => (await renewTime(LOCAL)) > before.local && (await renewTime(STANDALONE)) > before.standalone,
      60_000,
      500,
    );
    await Promise.all([ready(LOCAL), ready(STANDALONE)]);
    expect(standalone.child.exitCode).toBeNull();
    expect(standalone.output()).not.toMatch(/readyState|Unhandled|uncaught/i);
    expect(agentPids(join(server.dataDir, 'agent'))).toEqual([localAgent]);
    expect(server.output()).not.toMatch(/LocalAgent.*exited/);
    await waitFor(
      'exec through the tunnel again',
      async () => (await kubectl.run(['exec', 'stall-pod', '--', 'cat', '/data/ran'])).code === 0,
      60_000,
      1000,
    );
    expect(await kubectl.ok(['logs', 'stall-pod', '--tail=1'])).toMatch(/^tick \d+\n$/);
  });

  it('adopts its running pods when a standalone agent restarts, and stops those no longer bound', async () => {
    await kubectl.ok(['create', '-f', '-'], { input: tickerPod('kept-pod', STANDALONE) });
    await kubectl.ok(['create', '-f', '-'], { input: tickerPod('gone-pod', STANDALONE) });
    const kept = await running('kept-pod', 1);
    const gone = await running('gone-pod', 1);
    const keptPid = containerPid(standaloneDir, kept.metadata.uid);
    const keptLog = () => join(standaloneDir, 'pods', kept.metadata.uid, 'main', '1.log');
    const gonePid = containerPid(standaloneDir, gone.metadata.uid);

    await waitFor('a few ticks', async () => (await kubectl.ok(['logs', 'kept-pod'])).includes('tick 5'));
    expect(await stopAgent(standalone)).toBe(0);
    const lastTick = Number(/tick (\d+)\n$/.exec(readFileSync(keptLog(), 'utf8'))?.[1]);
    // As kubelet: a stopped agent leaves its containers running.
    expect(processAlive(keptPid)).toBe(true);
    expect(processAlive(gonePid)).toBe(true);
    await kubectl.ok(['delete', 'pod', 'gone-pod', '--grace-period=0', '--force']);

    standalone = startAgentProcess(standaloneArgs());
    await waitFor('the pod of a deleted pod stopped', () => !processAlive(gonePid), 30_000, 200);
    // Its ticks went on meanwhile, none lost, none repeated: the same process, its output kept.
    const ticks = await waitFor(
      'ticks logged after the restart',
      async () => {
        const lines = (await kubectl.ok(['logs', 'kept-pod'])).trim().split('\n');
        return lines.length > lastTick + 20 ? lines : undefined;
      },
      30_000,
      500,
    );
    expect(ticks).toEqual(ticks.map((_, i) => `tick ${i}`));
    expect(processAlive(keptPid)).toBe(true);
    expect(containerPid(standaloneDir, kept.metadata.uid)).toBe(keptPid);
    const after = await get('kept-pod');
    expect(after.status.containerStatuses?.[0]).toMatchObject({
      restartCount: 1,
      containerID: kept.status.containerStatuses?.[0].containerID,
      state: { running: { startedAt: kept.status.containerStatuses?.[0].state.running?.startedAt } },
    });
    expect(await kubectl.ok(['exec', 'kept-pod', '--', 'sh', '-c', 'ls /data; cat /config/greeting'])).toBe(
      'ran\nhello',
    );
    expect(existsSync(join(standaloneDir, 'pods', gone.metadata.uid))).toBe(false);

    // No longer the agent's child, its exit is still seen: the container starts again.
    process.kill(-keptPid, 'SIGKILL');
    const restarted = await running('kept-pod', 2);
    expect(restarted.status.containerStatuses?.[0].lastState.terminated).toMatchObject({
      exitCode: 137,
      reason: 'ContainerStatusUnknown',
    });
  });

  it("stops the local node's pods on Ctrl-C", async () => {
    await kubectl.ok(['create', '-f', '-'], { input: quietPod('local-pod', LOCAL) });
    const pod = await running('local-pod', 0);
    const agentDir = join(server.dataDir, 'agent');
    const pid = containerPid(agentDir, pod.metadata.uid);
    const [agent] = agentPids(agentDir);
    const ending = await server.interrupt({ processGroup: true, timeoutMs: 30_000 });
    expect(ending.code).toBe(0);
    expect(processAlive(agent)).toBe(false);
    expect(processAlive(pid)).toBe(false);
  });
});

describe('the local agent when its control plane is killed', () => {
  let server: KubenestProcess;

  beforeAll(async () => {
    server = await launchKubenest({ env: { KUBENEST_LOCAL_AGENT: 'true' } });
  });

  afterAll(async () => {
    // Killed with -9, the control plane left its PostgreSQL running: stopped here first, then gone.
    const pgDir = join(server.dataDir, 'pg');
    const [postmaster] = postgresProcessesFor(pgDir).filter((p) => p.args.includes(pgDir));
    if (postmaster) process.kill(postmaster.pid, 'SIGQUIT');
    await waitFor('its PostgreSQL stopped', () => postgresProcessesFor(pgDir).length === 0, 30_000, 200);
    await server?.destroy();
  });

  it('stops its pods and exits', async () => {
    const kubectl = new Kubectl(server.kubeconfig);
    await kubectl.ok(['create', '-f', '-'], { input: quietPod('orphan-pod', LOCAL) });
    const pod = await runningPod(kubectl, 'orphan-pod', 0);
    const agentDir = join(server.dataDir, 'agent');
    const pid = containerPid(agentDir, pod.metadata.uid);
    const [agent] = agentPids(agentDir);
    process.kill(server.pid, 'SIGKILL');
    await waitFor('the agent gone', () => !processAlive(agent), 20_000, 200);
    expect(processAlive(pid)).toBe(false);
  });
});
