// A node out of the box: `npm start` (KUBENEST_LOCAL_AGENT on) runs its own agent, joined with a
// bootstrap token like any other, named after this host, with none of the control plane's
// credentials in its environment; the control plane restarts it when it dies (with its stored
// identity: no second join) and Ctrl-C stops it too.
import { readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { localNodeName } from '../../apps/apiserver/local-agent/local-node-name';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { Kubectl } from '@kubenest/testing/kubectl';
import { startTestPostgres, TestPostgres } from '@kubenest/testing/postgres';
import { waitFor } from '@kubenest/testing/wait';

jest.setTimeout(180_000);

/** Pids of the agents started for this data directory, found by their command line. */
const agentPids = (dataDir: string): number[] =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.some((a) => a.endsWith('apps/agent/main.js')) && args.includes(`${dataDir}/agent`);
      } catch {
        return false;
      }
    })
    .map(Number);

/** A process's environment as NAME=value entries. */
const environOf = (pid: number): string[] => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);

describe('the local agent', () => {
  let postgres: TestPostgres;
  let server: KubenestServer;
  let kubectl: Kubectl;
  const node = localNodeName(hostname());

  beforeAll(async () => {
    // A database URL with a password, as production gives one.
    postgres = await startTestPostgres();
    server = await startKubenest({ KUBENEST_LOCAL_AGENT: 'true', DATABASE_URL: postgres.url });
    kubectl = new Kubectl(server.kubeconfig);
  });

  afterAll(async () => {
    await server?.stop();
    await postgres?.stop();
  });

  /** The pid of the one agent process. */
  const theAgent = async (): Promise<number> => {
    const [pid] = await waitFor('the agent process', () => {
      const pids = agentPids(server.dataDir);
      return pids.length === 1 ? pids : undefined;
    });
    return pid;
  };

  const readyCondition = async () =>
    (await kubectl.ok(['get', 'node', node, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'])).trim();

  it('registers this host as a Ready node', async () => {
    await waitFor(`node ${node} Ready`, async () => (await readyCondition()) === 'True', 60_000, 500);
    const table = await kubectl.ok(['get', 'nodes']);
    expect(table).toMatch(new RegExp(`^${node.replace(/\./g, '\\.')}\\s+Ready\\s`, 'm'));
    const labels = JSON.parse(await kubectl.ok(['get', 'node', node, '-o', 'jsonpath={.metadata.labels}']));
    expect(labels['kubernetes.io/hostname']).toBe(node);
  });

  it("holds none of the control plane's settings in its environment: no DATABASE_URL", async () => {
    const password = decodeURIComponent(new URL(postgres.url).password);
    expect(password).not.toBe('');
    expect(environOf(server.pid)).toContain(`DATABASE_URL=${postgres.url}`);
    const environ = environOf(await theAgent());
    expect(environ.filter((entry) => /^(DATABASE_URL|KUBENEST_)/.test(entry) || entry.includes(password))).toEqual([]);
    expect(environ.map((entry) => entry.split('=')[0])).toContain('PATH');
  });

  it('joined through a bootstrap token and a node CSR', async () => {
    const csrs = JSON.parse(await kubectl.ok(['get', 'csr', '-o', 'json'])).items;
    expect(csrs.map((c: { spec: { username: string } }) => c.spec.username)).toEqual([
      expect.stringMatching(/^system:bootstrap:[a-z0-9]{6}$/),
    ]);
  });

  it('is started again when it dies, with its stored identity', async () => {
    const first = await theAgent();
    process.kill(first, 'SIGKILL');
    const [second] = await waitFor(
      'a new agent process',
      () => {
        const pids = agentPids(server.dataDir);
        return pids.length === 1 && pids[0] !== first ? pids : undefined;
      },
      30_000,
      200,
    );
    expect(second).not.toBe(first);
    await waitFor('the restarted agent serving', () => server.output().includes(`node ${node} already registered`));
    expect(JSON.parse(await kubectl.ok(['get', 'csr', '-o', 'json'])).items).toHaveLength(1);
    expect(await readyCondition()).toBe('True');
  });

  it('stops with the control plane (Ctrl-C)', async () => {
    const { dataDir } = server;
    expect(agentPids(dataDir)).toHaveLength(1);
    await server.stop();
    expect(agentPids(dataDir)).toEqual([]);
    expect(server.output()).toMatch(/\[agent [^\]]+\].*the control plane has gone: stopping the node and its pods/);
  });
});
