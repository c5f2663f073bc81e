// pods/binding and pods/eviction driven by real clients: @kubernetes/client-node binds a pending
// pod to a node and evicts it, plain HTTPS sees kube's wire answers (201 Success, 409 for a pod
// already bound), and `kubectl drain` evicts what runs on a node.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { httpsRequest } from './support/https-client';

interface Step {
  step: string;
  answer?: Record<string, unknown>;
  error?: { code?: number; body?: Record<string, unknown> };
}

const NS = 'binding-e2e';
// The pods are bound by hand here: they name a scheduler no one runs, so the default scheduler
// neither binds them first nor writes PodScheduled=False after the test's binding.
const UNSCHEDULED = ['--overrides', JSON.stringify({ apiVersion: 'v1', spec: { schedulerName: 'e2e-by-hand' } })];
const NODE = 'binding-node';

const runNode = (script: string, args: string[]): Promise<string> =>
  new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [join(__dirname, 'support', script), ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${script} failed: ${stderr}`)) : resolve(stdout)),
    ),
  );

describe('pods/binding and pods/eviction', () => {
  let server: KubenestServer;
  let kubectl: Kubectl;

  const post = (path: string, body: unknown) =>
    httpsRequest(server, {
      method: 'POST',
      path,
      token: server.token,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  const podJson = async (name: string) => JSON.parse(await kubectl.ok(['get', 'pod', name, '-n', NS, '-o', 'json']));

  const bindingOf = (name: string, node = NODE) => ({
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name },
    target: { kind: 'Node', name: node },
  });

  beforeAll(async () => {
    server = await startKubenest();
    kubectl = new Kubectl(server.kubeconfig);
    await kubectl.ok(['create', 'namespace', NS]);
    await kubectl.ok(['create', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: NODE } }),
    });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('client-node binds a pending pod once, then evicts it', async () => {
    await kubectl.ok(['run', 'web', '-n', NS, '--image=nginx', '--restart=Never', ...UNSCHEDULED]);
    const steps = (await runNode('bind-and-evict.mjs', [server.kubeconfig, NS, 'web', NODE]))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Step);
    expect(steps[0]).toEqual({ step: 'bind', answer: expect.objectContaining({ kind: 'Status', apiVersion: 'v1' }) });
    expect(steps[1]).toMatchObject({
      step: 'bind again',
      error: {
        code: 409,
        body: {
          reason: 'Conflict',
          message: `Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "${NODE}"`,
        },
      },
    });
    expect(steps[2]).toEqual({ step: 'evict', answer: expect.objectContaining({ kind: 'Status' }) });
    const gone = await kubectl.run(['get', 'pod', 'web', '-n', NS]);
    expect(gone.stderr).toContain('NotFound');
  });

  it("answers kube's 201 Success Status and sets spec.nodeName and PodScheduled", async () => {
    await kubectl.ok(['run', 'api', '-n', NS, '--image=nginx', '--restart=Never', ...UNSCHEDULED]);
    const answer = await post(`/api/v1/namespaces/${NS}/pods/api/binding`, bindingOf('api'));
    expect({ status: answer.status, body: answer.json() }).toEqual({
      status: 201,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 },
    });
    const pod = await podJson('api');
    expect(pod.spec.nodeName).toBe(NODE);
    expect(pod.status.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'PodScheduled', status: 'True' })]),
    );
  });

  it.each([
    { name: 'a binding named for another pod', path: 'pods/late/binding', body: bindingOf('other'), code: 400 },
    { name: 'a dry-run binding', path: 'pods/late/binding?dryRun=All', body: bindingOf('late'), code: 201 },
    {
      name: 'a dry-run eviction',
      path: 'pods/late/eviction?dryRun=All',
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'late' } },
      code: 201,
    },
    {
      name: 'an eviction of another kind',
      path: 'pods/late/eviction',
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late' } },
      code: 400,
    },
  ])('$name leaves the pod as it was', async ({ path, body, code }) => {
    const present = await kubectl.run(['get', 'pod', 'late', '-n', NS]);
    if (present.code !== 0)
      await kubectl.ok(['run', 'late', '-n', NS, '--image=nginx', '--restart=Never', ...UNSCHEDULED]);
    const before = await podJson('late');
    const answer = await post(`/api/v1/namespaces/${NS}/${path}`, body);
    expect(answer.status).toBe(code);
    expect(await podJson('late')).toEqual(before);
  });

  it('kubectl drain evicts the pods of a node', async () => {
    await kubectl.ok(['run', 'drained', '-n', NS, '--image=nginx', '--restart=Never', ...UNSCHEDULED]);
    expect((await post(`/api/v1/namespaces/${NS}/pods/drained/binding`, bindingOf('drained'))).status).toBe(201);
    const out = await kubectl.ok(['drain', NODE, '--force', '--grace-period=0', '--timeout=60s']);
    expect(out).toContain('evicting pod binding-e2e/drained');
    expect((await kubectl.run(['get', 'pod', 'drained', '-n', NS])).stderr).toContain('NotFound');
    const node = JSON.parse(await kubectl.ok(['get', 'node', NODE, '-o', 'json']));
    expect(node.spec.unschedulable).toBe(true);
  });
});
