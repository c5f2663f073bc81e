// The node agent against the running control plane, checked with the real kubectl: two agents
// join with a bootstrap token (each in its own network namespace when run as root, so they
// really are other hosts), register Ready nodes, renew their Leases, stop and restart cleanly,
// and a bad token or CA hash fails with a clear message.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'node:https';
import { caPublicKeyHash } from '@kubenest/pki/ca-public-key-hash';
import { Kubectl } from '@kubenest/testing/kubectl';
import { freePort } from '@kubenest/testing/postgres';
import { waitFor } from '@kubenest/testing/wait';
import { AgentProcess, startAgentProcess, stopAgentAndPods } from './support/agent-process';
import { bootstrapTokenManifest } from './support/bootstrap-token';

const repoRoot = resolve(__dirname, '../..');
const TOKEN = 'e2eagt.0123456789abcdef';
const isRoot = process.getuid?.() === 0;

/** A bridge on the host (10.200.0.1) and one namespace per agent (10.200.0.2, ...), traffic never leaves the machine. */
class TestNetwork {
  readonly suffix = String(process.pid % 100000);
  readonly bridge = `knbr${this.suffix}`;
  readonly hostAddress = isRoot ? '10.200.0.1' : '127.0.0.1';
  private readonly namespaces: string[] = [];

  setUp(): void {
    if (!isRoot) return;
    this.ip('link', 'add', this.bridge, 'type', 'bridge');
    this.ip('addr', 'add', `${this.hostAddress}/24`, 'dev', this.bridge);
    this.ip('link', 'set', this.bridge, 'up');
  }

  /** The command prefix and address of a new agent host. */
  addHost(index: number): { prefix: string[]; address: string } {
    if (!isRoot) return { prefix: [], address: '127.0.0.1' };
    const ns = `kn-agent-${this.suffix}-${index}`;
    const hostEnd = `knh${this.suffix}${index}`;
    const address = `10.200.0.${index + 1}`;
    this.ip('netns', 'add', ns);
    this.namespaces.push(ns);
    this.ip('link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
    this.ip('link', 'set', hostEnd, 'master', this.bridge, 'up');
    this.ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
    this.ip('-n', ns, 'link', 'set', 'eth0', 'up');
    this.ip('-n', ns, 'link', 'set', 'lo', 'up');
    return { prefix: ['ip', 'netns', 'exec', ns], address };
  }

  tearDown(): void {
    if (!isRoot) return;
    for (const ns of this.namespaces) this.ip('netns', 'del', ns);
    this.ip('link', 'del', this.bridge);
  }

  private ip(...args: string[]): void {
    execFileSync('ip', args, { stdio: 'pipe' });
  }
}

interface ControlPlaneProcess {
  url: string;
  kubeconfig: string;
  caPem: string;
  stop(): Promise<void>;
}

const readyz = (host: string, port: number): Promise<boolean> =>
  new Promise((done) => {
    const req = request({ host, port, path: '/readyz', rejectUnauthorized: false, timeout: 2000 }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    req.on('error', () => done(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });

/** The built control plane bound to one address (startKubenest probes only 127.0.0.1). */
async function startControlPlaneOn(host: string): Promise<ControlPlaneProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubenest-agent-e2e-'));
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [join(repoRoot, 'dist/apps/apiserver/main.js')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      KUBENEST_DATA_DIR: dataDir,
      KUBENEST_HOST: host,
      KUBENEST_PORT: String(port),
      KUBENEST_POSTGRES_PORT: String(await freePort()),
      KUBENEST_LOCAL_AGENT: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d.toString()));
  child.stderr!.on('data', (d) => (log += d.toString()));
  await waitFor(
    `the control plane on ${host}:${port}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${log}`);
      return readyz(host, port);
    },
    120_000,
    250,
  );
  return {
    url: `https://${host}:${port}`,
    kubeconfig: join(dataDir, 'admin.kubeconfig'),
    caPem: readFileSync(join(dataDir, 'pki', 'ca.crt'), 'utf8'),
    stop: async () => {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const stopProcess = async (child: ChildProcess): Promise<number | null> => {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  return child.exitCode;
};

interface NodeView {
  metadata: { name: string; labels: Record<string, string> };
  status: { conditions: { type: string; status: string }[]; addresses: { type: string; address: string }[] };
}

describe(`node agent (${isRoot ? 'network namespaces' : 'loopback'})`, () => {
  const network = new TestNetwork();
  let plane: ControlPlaneProcess;
  let kubectl: Kubectl;
  let caHash: string;
  const dataRoot = mkdtempSync(join(tmpdir(), 'kubenest-agents-'));
  const hosts: { prefix: string[]; address: string }[] = [];
  const agents: AgentProcess[] = [];

  const agentArgs = (i: number, extra: string[] = []) => [
    '--server',
    plane.url,
    '--name',
    `e2e-node-${i}`,
    '--data-dir',
    join(dataRoot, `agent-${i}`),
    '--node-labels',
    `e2e.kubenest.io/agent=a${i},zone=z${i}`,
    ...extra,
  ];
  const joinArgs = (i: number) => agentArgs(i, ['--token', TOKEN, '--ca-cert-hash', caHash]);

  const renewTime = async (name: string): Promise<string> =>
    kubectl.ok(['get', 'lease', name, '-n', 'kube-node-lease', '-o', 'jsonpath={.spec.renewTime}']);
  const csrCount = async (): Promise<number> => JSON.parse(await kubectl.ok(['get', 'csr', '-o', 'json'])).items.length;

  beforeAll(async () => {
    network.setUp();
    hosts.push(network.addHost(1), network.addHost(2));
    plane = await startControlPlaneOn(network.hostAddress);
    kubectl = new Kubectl(plane.kubeconfig);
    caHash = caPublicKeyHash(plane.caPem);
    await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
  });

  afterAll(async () => {
    await Promise.all(agents.map((a, i) => stopAgentAndPods(a, join(dataRoot, `agent-${i + 1}`))));
    await plane?.stop();
    network.tearDown();
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('joins two agents whose nodes show Ready with their labels and addresses', async () => {
    agents[0] = startAgentProcess(joinArgs(1), hosts[0].prefix);
    agents[1] = startAgentProcess(joinArgs(2), hosts[1].prefix);
    const nodes = await waitFor(
      'both nodes Ready',
      async () => {
        const list = JSON.parse(await kubectl.ok(['get', 'nodes', '-o', 'json'])).items as NodeView[];
        const ready = list.filter((n) => n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'));
        return ready.length === 2 ? ready : undefined;
      },
      60_000,
      500,
    ).catch((e) => {
      throw new Error(`${(e as Error).message}\nagent 1: ${agents[0].output()}\nagent 2: ${agents[1].output()}`);
    });
    for (const [i, n] of nodes.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).entries()) {
      expect(n.metadata.name).toBe(`e2e-node-${i + 1}`);
      expect(n.metadata.labels).toMatchObject({
        'kubernetes.io/hostname': `e2e-node-${i + 1}`,
        'kubernetes.io/os': 'linux',
        'e2e.kubenest.io/agent': `a${i + 1}`,
        zone: `z${i + 1}`,
      });
      expect(n.status.addresses).toContainEqual({ type: 'InternalIP', address: hosts[i].address });
    }
    const table = await kubectl.ok(['get', 'nodes', '-l', 'e2e.kubenest.io/agent']);
    expect(table).toMatch(/e2e-node-1\s+Ready/);
    expect(table).toMatch(/e2e-node-2\s+Ready/);
    expect(await csrCount()).toBe(2);
  });

  it('renews each node Lease in kube-node-lease', async () => {
    const holders = await kubectl.ok(['get', 'leases', '-n', 'kube-node-lease']);
    expect(holders).toMatch(/e2e-node-1\s+e2e-node-1/);
    expect(holders).toMatch(/e2e-node-2\s+e2e-node-2/);
    const before = await renewTime('e2e-node-1');
    const after = await waitFor(
      'a renewal',
      async () => {
        const now = await renewTime('e2e-node-1');
        return now > before ? now : undefined;
      },
      15_000,
      500,
    );
    expect(after).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it("refuses an agent's write to another node", async () => {
    const asNode1 = new Kubectl(join(dataRoot, 'agent-1', 'kubelet.kubeconfig'));
    await expect(asNode1.ok(['get', 'node', 'e2e-node-1'])).resolves.toContain('e2e-node-1');
    const result = await asNode1.run(['label', 'node', 'e2e-node-2', 'stolen=yes']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/forbidden/i);
  });

  it('stops renewing when stopped, and restarts without joining again', async () => {
    expect(await stopProcess(agents[0].child)).toBe(0);
    const stoppedAt = await renewTime('e2e-node-1');
    await new Promise((r) => setTimeout(r, 12_000));
    expect(await renewTime('e2e-node-1')).toBe(stoppedAt);
    expect(await renewTime('e2e-node-2')).not.toBe('');

    agents[0] = startAgentProcess(agentArgs(1), hosts[0].prefix);
    await waitFor(
      'renewals again after the restart',
      async () => ((await renewTime('e2e-node-1')) > stoppedAt ? true : undefined),
      20_000,
      500,
    );
    expect(agents[0].output()).not.toMatch(/joined/);
    expect(await csrCount()).toBe(2);
  });

  it.each([
    {
      name: 'a bad token',
      args: () => agentArgs(3, ['--token', 'e2eagt.ffffffffffffffff', '--ca-cert-hash', caHash]),
      message: () => /refused the bootstrap token \(401 Unauthorized\)/,
    },
    {
      name: 'a wrong CA hash',
      args: () => agentArgs(3, ['--token', TOKEN, '--ca-cert-hash', `sha256:${'a'.repeat(64)}`]),
      message: () => new RegExp(`expected sha256:a{64}, the CA at .* has ${caHash}`),
    },
  ])('fails clearly with $name', async ({ args, message }) => {
    const agent = startAgentProcess(args(), hosts[1].prefix);
    expect(await agent.exited).toBe(1);
    expect(agent.output()).toMatch(message());
    expect(agent.output().trim().split('\n')).toHaveLength(1);
  });
});
