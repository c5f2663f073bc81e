// PriorityClasses and pod priorities through the real kubectl: the system classes exist from the
// start and cannot be deleted, `kubectl create priorityclass` (protobuf) works, pods get their
// class's priority from the Priority admission plugin, and bad classes are refused with kube's
// messages. pods/binding accepts a Binding as JSON and as protobuf, as a scheduler may send either.
import { envelope, int, msg, str } from '@kubenest/apimachinery/protobuf/fixtures/proto-writer';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { httpsRequest } from './support/https-client';

const NS = 'priority-e2e';

const pod = (name: string, spec: Record<string, unknown> = {}) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS },
    spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }], ...spec },
  });

const priorityClass = (name: string, value: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra });

let server: KubenestServer;
let kubectl: Kubectl;

beforeAll(async () => {
  server = await startKubenest();
  kubectl = new Kubectl(server.kubeconfig);
  await kubectl.ok(['create', 'namespace', NS]);
});

afterAll(async () => {
  await server?.stop();
});

describe('PriorityClasses', () => {
  const refusal = async (args: string[], input?: string) => {
    const result = await kubectl.run(args, { input });
    expect(result.code).not.toBe(0);
    return result.stderr.trim();
  };
  const podSpec = async (name: string) =>
    JSON.parse(await kubectl.ok(['get', 'pod', name, '-n', NS, '-o', 'json'])).spec as Record<string, unknown>;

  it('lists the two system classes with kubectl’s columns', async () => {
    const lines = (await kubectl.ok(['get', 'priorityclasses'])).trim().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY']);
    expect(lines.slice(1).map((l) => l.split(/\s+/).filter((_, i) => i !== 3))).toEqual([
      ['system-cluster-critical', '2000000000', 'false', 'PreemptLowerPriority'],
      ['system-node-critical', '2000001000', 'false', 'PreemptLowerPriority'],
    ]);
  });

  it('explains the kind from its OpenAPI schema', async () => {
    const explain = await kubectl.ok(['explain', 'priorityclass.value']);
    expect(explain).toContain('GROUP:      scheduling.k8s.io');
    expect(explain).toMatch(/FIELD:\s+value <integer>/);
  });

  it('refuses to delete a system class', async () => {
    expect(await refusal(['delete', 'priorityclass', 'system-node-critical'])).toBe(
      'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted',
    );
    await kubectl.ok(['get', 'pc', 'system-node-critical']);
  });

  it('creates a class with kubectl (protobuf) and resolves it into a pod’s priority', async () => {
    expect(await kubectl.ok(['create', 'priorityclass', 'high', '--value=1000', '--description=x'])).toBe(
      'priorityclass.scheduling.k8s.io/high created\n',
    );
    const created = JSON.parse(await kubectl.ok(['get', 'pc', 'high', '-o', 'json']));
    expect(created).toMatchObject({ value: 1000, description: 'x', preemptionPolicy: 'PreemptLowerPriority' });

    await kubectl.ok(['create', '-f', '-'], { input: pod('important', { priorityClassName: 'high' }) });
    expect(await podSpec('important')).toMatchObject({
      priorityClassName: 'high',
      priority: 1000,
      preemptionPolicy: 'PreemptLowerPriority',
    });
    await kubectl.ok(['run', 'plain', '-n', NS, '--image=busybox:1.36', '--restart=Never']);
    expect(await podSpec('plain')).toMatchObject({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
  });

  it('refuses a pod naming an unknown class, or a priority its class does not give', async () => {
    expect(await refusal(['create', '-f', '-'], pod('lost', { priorityClassName: 'nope' }))).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "lost" is forbidden: no PriorityClass with name nope was found',
    );
    expect(
      await refusal(['create', '-f', '-'], pod('greedy', { priorityClassName: 'high', priority: 2000000000 })),
    ).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "greedy" is forbidden: the integer value of priority (2000000000) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name',
    );
  });

  it('gives pods without a class the global default, and refuses a second default', async () => {
    await kubectl.ok(['create', 'priorityclass', 'fallback', '--value=5', '--global-default=true']);
    await kubectl.ok(['run', 'defaulted', '-n', NS, '--image=busybox:1.36', '--restart=Never']);
    expect(await podSpec('defaulted')).toMatchObject({ priorityClassName: 'fallback', priority: 5 });
    expect(await refusal(['create', 'priorityclass', 'another', '--value=6', '--global-default=true'])).toBe(
      'error: failed to create priorityclass: priorityclasses.scheduling.k8s.io "another" is forbidden: PriorityClass fallback is already marked as default. Only one default can exist',
    );
    await kubectl.ok(['delete', 'pc', 'fallback']);
  });

  it.each([
    {
      name: 'a value above the user limit',
      input: priorityClass('huge', 1000000001),
      want: 'The PriorityClass "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    },
    {
      name: 'a reserved system- name',
      input: priorityClass('system-mine', 10),
      want: `The PriorityClass "system-mine" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class`,
    },
  ])('refuses $name with 422', async ({ input, want }) => {
    expect(await refusal(['create', '-f', '-'], input)).toBe(want);
  });

  it('refuses to change a class’s value', async () => {
    expect(await refusal(['patch', 'pc', 'high', '--type=merge', '-p', '{"value":2000}'])).toBe(
      'The PriorityClass "high" is invalid: value: Forbidden: may not be changed in an update.',
    );
  });
});

describe('pods/binding', () => {
  // Pods another scheduler is responsible for, so that only these requests bind them.
  beforeAll(async () => {
    for (const name of ['json', 'proto']) {
      await kubectl.ok(['create', '-f', '-'], { input: pod(name, { schedulerName: 'manual' }) });
    }
  });

  const bind = (name: string, contentType: string, body: string | Buffer) =>
    httpsRequest(server, {
      method: 'POST',
      path: `/api/v1/namespaces/${NS}/pods/${name}/binding`,
      token: server.token,
      headers: { 'Content-Type': contentType },
      body,
    });
  const nodeOf = async (name: string) =>
    JSON.parse(await kubectl.ok(['get', 'pod', name, '-n', NS, '-o', 'json'])).spec.nodeName as string;

  it.each([
    {
      name: 'json',
      contentType: 'application/json',
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: 'json' },
        target: { kind: 'Node', name: 'node-a' },
      }),
    },
    {
      name: 'proto',
      contentType: 'application/vnd.kubernetes.protobuf',
      // Binding {1 metadata {1 name, 3 namespace}, 2 target {1 kind, 3 name}}, as Go's encoder writes it.
      body: envelope(
        'v1',
        'Binding',
        msg(1, str(1, 'proto'), str(2, ''), str(3, NS), str(5, ''), str(6, ''), int(7, 0), msg(8)),
        msg(2, str(1, 'Node'), str(2, ''), str(3, 'node-a'), str(4, ''), str(5, ''), str(6, ''), str(7, '')),
      ),
    },
  ])('binds a pod with a Binding sent as $name', async ({ name, contentType, body }) => {
    const answer = await bind(name, contentType, body);
    expect({ status: answer.status, body: answer.json() }).toEqual({
      status: 201,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 },
    });
    expect(await nodeOf(name)).toBe('node-a');
  });
});
