// `kubectl attach` and `kubectl run -i` to pods on an agent that only connects out: the client
// gets the running container's own output from now on and, when the pod keeps a stdin open,
// writes to it (stdinOnce closes it when the client's input ends); a pod with tty runs on a
// terminal, which `kubectl run -it` types into. kubectl 1.33 attaches over a WebSocket, 1.27 over
// SPDY/3.1.
import { execFileSync } from 'node:child_process';
import { Kubectl } from '@kubenest/testing/kubectl';
import { PodAgentCluster, startPodAgentCluster } from './support/pod-agent';
import { ttySession } from './support/tty-session';
import { waitFor } from '@kubenest/testing/wait';

const NODE = 'e2e-attach-node';

const pod = (name: string, command: string, stdin = false) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      nodeName: NODE,
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', command], stdin, stdinOnce: stdin }],
    },
  });

describe('kubectl attach through the node tunnel', () => {
  let cluster: PodAgentCluster;

  const running = (name: string) =>
    waitFor(
      `pod ${name} running`,
      async () => (await cluster.kubectl.ok(['get', 'pod', name, '-o', 'jsonpath={.status.phase}'])) === 'Running',
      60_000,
      300,
    );

  beforeAll(async () => {
    cluster = await startPodAgentCluster(NODE);
    await cluster.kubectl.ok(['apply', '-f', '-'], {
      input: pod('ticker', 'i=0; while true; do i=$((i+1)); echo tick $i; echo tock $i >&2; sleep 0.2; done'),
    });
    await running('ticker');
  });

  afterAll(async () => {
    await cluster?.kubectl.run(['delete', 'pods', '--all', '--wait=true', '--timeout=20s']);
    await cluster?.stop();
  });

  it("streams the container's output from now on, stdout and stderr", async () => {
    const attached = cluster.kubectl.start(['attach', 'ticker']);
    try {
      await waitFor(
        'tick and tock lines',
        () => /tick \d+/.test(attached.output()) && /tock \d+/.test(attached.output()),
      );
      // Attach starts from now: the first ticks were before it.
      expect(attached.output()).not.toMatch(/^tick 1$/m);
    } finally {
      attached.stop();
    }
  });

  it('says when the pod has no such container', async () => {
    const result = await cluster.kubectl.run(['attach', 'ticker', '-c', 'nothere']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/container nothere not found/);
  });

  describe.each([{ minor: 33 }, { minor: 27 }])('with kubectl 1.$minor', ({ minor }) => {
    it("writes to the container's stdin; stdinOnce closes it when the input ends", async () => {
      const name = `reader-${minor}`;
      await cluster.kubectl.ok(['apply', '-f', '-'], {
        input: pod(name, 'while read l; do echo got $l; done; echo bye', true),
      });
      await running(name);
      const kubectl = new Kubectl(cluster.server.kubeconfig, minor);
      const result = await kubectl.run(['attach', '-i', name], { input: 'one\ntwo\n', timeoutMs: 30_000 });
      expect(result.stdout).toContain('got one\ngot two\nbye\n');
      await waitFor(
        `pod ${name} succeeded`,
        async () => (await cluster.kubectl.ok(['get', 'pod', name, '-o', 'jsonpath={.status.phase}'])) === 'Succeeded',
        20_000,
        300,
      );
    });
  });

  /** `kubectl run <name> <flag> --rm` of a busybox pod on the test's node. */
  const runArgs = (name: string, flag: string, command: string[]) => [
    'run',
    name,
    flag,
    '--rm',
    '--restart=Never',
    '--image=busybox',
    `--overrides={"spec":{"nodeName":"${NODE}"}}`,
    '--',
    ...command,
  ];

  it('serves kubectl run -i --rm: the answer, then the pod is gone', async () => {
    const result = await cluster.kubectl.run(runArgs('asker', '-i', ['sh', '-c', 'read l; echo got $l']), {
      input: 'hello\n',
      timeoutMs: 30_000,
    });
    expect(result.stdout).toContain('got hello');
    expect(result.stdout).toMatch(/pod "asker" deleted/);
    expect(result.code).toBe(0);
  });

  it('serves kubectl run -it a shell on a terminal', async () => {
    const kubectl = cluster.kubectl;
    const argv = [kubectl.binary, '--kubeconfig', cluster.server.kubeconfig, '--cache-dir', kubectl.cacheDir];
    const session = await ttySession([...argv, ...runArgs('shell', '-it', ['sh'])], ['echo $((6*7)); tty', 'exit']);
    expect(session.output).toMatch(/\r\n42\r\n\/dev\/pts\/\d+\r\n/);
    expect(session.output).toMatch(/pod "shell" deleted/);
    expect(session.code).toBe(0);
  });

  it('stops a pod on a terminal with all its processes', async () => {
    const marker = `sleep ${1000 + Math.floor(Math.random() * 8000)}`;
    await cluster.kubectl.ok(['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'terminal' },
        spec: {
          nodeName: NODE,
          terminationGracePeriodSeconds: 5,
          containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', `exec ${marker}`], tty: true }],
        },
      }),
    });
    await running('terminal');
    const alive = () =>
      execFileSync('ps', ['-eo', 'args'])
        .toString()
        .split('\n')
        .some((line) => line === marker);
    await waitFor('the command running', alive);
    const started = Date.now();
    await cluster.kubectl.ok(['delete', 'pod', 'terminal', '--wait=true', '--timeout=20s']);
    // SIGTERM reaches the command through the terminal's owner, well before the grace period ends.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(alive()).toBe(false);
  });
});
