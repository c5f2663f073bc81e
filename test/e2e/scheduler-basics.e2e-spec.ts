// The scheduler in the running apiserver, checked with the real kubectl: two simulated nodes
// join, a pod from `kubectl run` is bound to one of them with a Scheduled event, and a pod too big
// for both stays Pending with kube's FailedScheduling message and PodScheduled=False, until a
// node big enough joins.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { Kubectl } from '@kubenest/testing/kubectl';
import { waitFor } from '@kubenest/testing/wait';
import { AgentProcess, stopAgentAndPods } from './support/agent-process';
import { bootstrapTokenManifest } from './support/bootstrap-token';
import { startSimulatedNodes, waitForReadyNodes } from './support/simulated-nodes';

const TOKEN = 'e2esch.0123456789abcdef';

interface PodView {
  spec: { nodeName?: string };
  status: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}
interface EventView {
  reason: string;
  type: string;
  message: string;
  source: { component?: string };
}

const bigPod = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'big', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '3' } } }] },
});

describe('the scheduler (simulated nodes, real kubectl)', () => {
  let server: KubenestServer;
  let kubectl: Kubectl;
  const dataRoot = mkdtempSync(join(tmpdir(), 'kubenest-sched-'));
  const agents: { agent: AgentProcess; dir: string }[] = [];

  const joinFleet = (name: string, count: number, cpu: string): void => {
    const dir = join(dataRoot, name);
    const agent = startSimulatedNodes(server, { name, dataDir: dir, count, token: TOKEN, extraArgs: ['--cpu', cpu] });
    agents.push({ agent, dir });
  };
  const pod = async (name: string): Promise<PodView> =>
    JSON.parse(await kubectl.ok(['get', 'pod', name, '-o', 'json']));
  const events = async (name: string, reason: string): Promise<EventView[]> =>
    JSON.parse(
      await kubectl.ok([
        'get',
        'events',
        '--field-selector',
        `involvedObject.name=${name},reason=${reason}`,
        '-o',
        'json',
      ]),
    ).items;

  beforeAll(async () => {
    server = await startKubenest();
    kubectl = new Kubectl(server.kubeconfig);
    await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
    joinFleet('sched', 2, '2');
    await waitForReadyNodes(
      kubectl,
      2,
      agents.map((a) => a.agent),
    );
  }, 120_000);

  afterAll(async () => {
    for (const { agent, dir } of agents) await stopAgentAndPods(agent, dir);
    await server?.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('binds a pod from kubectl run and records the Scheduled event', async () => {
    await kubectl.ok(['run', 'web', '--image=busybox', '--restart=Never', '--', 'sleep', '3600']);
    const nodeName = await waitFor('web bound', async () => (await pod('web')).spec.nodeName, 20_000, 200);
    expect(['sched-0', 'sched-1']).toContain(nodeName);
    const [scheduled] = await waitFor('the Scheduled event', async () => {
      const found = await events('web', 'Scheduled');
      return found.length ? found : undefined;
    });
    expect(scheduled).toMatchObject({
      type: 'Normal',
      message: `Successfully assigned default/web to ${nodeName}`,
      source: { component: 'default-scheduler' },
    });
  });

  it('leaves a pod too big for every node Pending with the reasons, then binds it when a big node joins', async () => {
    await kubectl.ok(['apply', '-f', '-'], { input: bigPod });
    const condition = await waitFor(
      'PodScheduled=False',
      async () => (await pod('big')).status.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False'),
      20_000,
      200,
    );
    expect(condition.reason).toBe('Unschedulable');
    expect(condition.message?.startsWith('0/2 nodes are available: 2 Insufficient cpu.')).toBe(true);
    const [failed] = await waitFor('the FailedScheduling event', async () => {
      const found = await events('big', 'FailedScheduling');
      return found.length ? found : undefined;
    });
    expect(failed).toMatchObject({ type: 'Warning', message: condition.message });
    expect(await kubectl.ok(['describe', 'pod', 'big'])).toContain('FailedScheduling');
    expect(await kubectl.ok(['get', 'pod', 'big', '-o', 'jsonpath={.status.phase}'])).toBe('Pending');

    joinFleet('large', 1, '8');
    const nodeName = await waitFor(
      'big bound to the large node',
      async () => (await pod('big')).spec.nodeName,
      60_000,
      500,
    );
    expect(nodeName).toBe('large-0');
  });
});

describe('KUBENEST_SCHEDULER_CONFIG', () => {
  it('a configuration naming an unknown plugin stops the server at start with one line naming the variable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubenest-sched-config-'));
    const path = join(dir, 'scheduler.yaml');
    writeFileSync(
      path,
      [
        'apiVersion: kubescheduler.config.k8s.io/v1',
        'kind: KubeSchedulerConfiguration',
        'profiles:',
        '- schedulerName: default-scheduler',
        '  plugins:',
        '    filter:',
        '      enabled: [{ name: NoSuchPlugin }]',
        '',
      ].join('\n'),
    );
    try {
      await expect(startKubenest({ KUBENEST_SCHEDULER_CONFIG: path })).rejects.toThrow(
        `KUBENEST_SCHEDULER_CONFIG (${path}): profiles[0].plugins.filter.enabled[0].name: plugin "NoSuchPlugin" does not exist`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
