// `kubectl logs` and `kubectl exec` for a pod on an agent that only connects out: the agent keeps
// its tunnel to the control plane and the apiserver serves pods/log and pods/exec through it.
// Driven with the real kubectl 1.33 (WebSocket exec), 1.27 and 1.29 (SPDY/3.1 exec).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kubectl } from '@kubenest/testing/kubectl';
import { nodePod } from './support/node-pod';
import { PodAgentCluster, startPodAgentCluster } from './support/pod-agent';
import { ttySession } from './support/tty-session';
import { waitFor } from '@kubenest/testing/wait';

const NODE = 'e2e-logs-node';
const POD = 'chatty';

const pod = (name: string, nodeName: string) =>
  JSON.stringify(
    nodePod(name, nodeName, [
      {
        name: 'main',
        image: 'busybox',
        command: ['sh', '-c', 'echo one; echo two; i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.5; done'],
      },
      { name: 'side', image: 'busybox', command: ['sh', '-c', 'echo side here >&2; exec sleep 3600'] },
    ]),
  );

describe('kubectl logs and exec through the node tunnel', () => {
  let cluster: PodAgentCluster;
  let kubectl: Kubectl;
  let kubeconfig: string;

  beforeAll(async () => {
    cluster = await startPodAgentCluster(NODE);
    kubectl = cluster.kubectl;
    kubeconfig = cluster.server.kubeconfig;
    await kubectl.ok(['apply', '-f', '-'], { input: pod(POD, NODE) });
    await waitFor(
      'the first log lines through the tunnel',
      async () => (await kubectl.ok(['logs', POD, '-c', 'main'])).includes('tick') || undefined,
      60_000,
      500,
    ).catch((e) => {
      throw new Error(`${(e as Error).message}\nagent: ${cluster.agentOutput()}`);
    });
  });

  afterAll(async () => {
    await kubectl?.run(['delete', 'pod', POD, '--wait=true', '--timeout=20s']);
    await cluster?.stop();
  });

  describe('logs', () => {
    it('prints a container from its first line', async () => {
      expect(await kubectl.ok(['logs', POD, '-c', 'main'])).toMatch(/^one\ntwo\ntick 1\n/);
    });

    it('prints another container, stderr included', async () => {
      expect(await kubectl.ok(['logs', POD, '-c', 'side'])).toBe('side here\n');
    });

    it('asks for a container when the pod has several', async () => {
      const result = await kubectl.run(['get', '--raw', `/api/v1/namespaces/default/pods/${POD}/log`]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`a container name must be specified for pod ${POD}, choose one of: [main side]`);
    });

    it('keeps the last line with --tail=1, timestamped on request', async () => {
      expect(await kubectl.ok(['logs', POD, '-c', 'main', '--tail=1'])).toMatch(/^tick \d+\n$/);
      expect(await kubectl.ok(['logs', POD, '-c', 'main', '--tail=1', '--timestamps'])).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z tick \d+\n$/,
      );
    });

    it('keeps only recent lines with --since', async () => {
      await waitFor(
        '4 s of log',
        async () => (await kubectl.ok(['logs', POD, '-c', 'main'])).includes('tick 8\n') || undefined,
      );
      const recent = await kubectl.ok(['logs', POD, '-c', 'main', '--since=2s']);
      expect(recent).not.toContain('one');
      expect(recent).toMatch(/tick \d+\n$/);
    });

    it('streams new lines with -f', async () => {
      const follow = kubectl.start(['logs', '-f', POD, '-c', 'main', '--tail=1']);
      try {
        const ticks = await waitFor(
          'three lines streamed',
          () => {
            const lines = follow.output().split('\n').filter(Boolean);
            return lines.length >= 3 ? lines : undefined;
          },
          15_000,
          100,
        );
        const numbers = ticks.map((l) => Number(/^tick (\d+)$/.exec(l)?.[1]));
        expect(numbers[1]).toBe(numbers[0] + 1);
        expect(numbers[2]).toBe(numbers[0] + 2);
      } finally {
        follow.stop();
      }
    });

    it('says there is no previous instance', async () => {
      const result = await kubectl.run(['logs', POD, '-c', 'main', '--previous']);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`previous terminated container "main" in pod "${POD}" not found`);
    });

    it('says when the node has no tunnel', async () => {
      await kubectl.ok(['apply', '-f', '-'], { input: pod('stranded', 'no-such-node') });
      const result = await kubectl.run(['logs', 'stranded', '-c', 'main']);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('node "no-such-node" has no tunnel to the control plane');
      await kubectl.ok(['delete', 'pod', 'stranded', '--wait=false']);
    });

    it('prints a log of several MiB whole: the agent sends it in frames the tunnel takes', async () => {
      // 500,000 numbered lines, 3.2 MiB: more than a tunnel message may hold.
      const expected = Array.from({ length: 500_000 }, (_, i) => `${i + 1}\n`).join('');
      await kubectl.ok(['apply', '-f', '-'], {
        input: JSON.stringify(
          nodePod('bulky', NODE, [
            { name: 'main', image: 'busybox', command: ['sh', '-c', 'seq 1 500000; exec sleep 3600'] },
          ]),
        ),
      });
      try {
        const log = await waitFor(
          'the whole log written',
          async () => {
            const result = await kubectl.run(['logs', 'bulky']);
            return result.code === 0 && result.stdout.length >= expected.length ? result.stdout : undefined;
          },
          60_000,
          500,
        );
        expect(log.length).toBe(expected.length);
        expect(log === expected).toBe(true);
      } finally {
        await kubectl.run(['delete', 'pod', 'bulky', '--wait=false']);
      }
    });

    it('works with kubectl 1.27', async () => {
      expect(await new Kubectl(kubeconfig, 27).ok(['logs', POD, '-c', 'side'])).toBe('side here\n');
    });
  });

  // kubectl 1.30 and newer exec over WebSockets (v5.channel.k8s.io), 1.29 and older over SPDY/3.1 only.
  describe.each([
    { minor: undefined, transport: 'WebSocket' },
    { minor: 27, transport: 'SPDY/3.1' },
    { minor: 29, transport: 'SPDY/3.1' },
  ])('exec with kubectl $minor ($transport)', ({ minor }) => {
    let client: Kubectl;

    beforeAll(() => {
      client = minor ? new Kubectl(kubeconfig, minor) : kubectl;
    });

    it('runs a command and prints its output', async () => {
      expect(await client.ok(['exec', POD, '-c', 'main', '--', 'cat', '/etc/hostname'])).toBe(
        readFileSync('/etc/hostname', 'utf8'),
      );
    });

    it("exits with the command's exit code", async () => {
      const result = await client.run(['exec', POD, '-c', 'main', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
      expect(result).toMatchObject({ code: 3, stdout: 'out\n' });
      expect(result.stderr).toContain('err\n');
      expect(result.stderr).toContain('command terminated with exit code 3');
    });

    it('carries output well past the 64 KiB flow-control window', async () => {
      const out = await client.ok([
        'exec',
        POD,
        '-c',
        'main',
        '--',
        'sh',
        '-c',
        'head -c 1000000 /dev/zero | tr "\\0" x',
      ]);
      expect(out).toBe('x'.repeat(1_000_000));
    });

    it('passes stdin through to its end', async () => {
      const result = await client.run(['exec', '-i', POD, '-c', 'main', '--', 'sh', '-c', 'cat; echo done'], {
        input: 'hello\nworld\n',
      });
      expect(result).toMatchObject({ code: 0, stdout: 'hello\nworld\ndone\n' });
    });

    it('carries stdin well past the 64 KiB flow-control window', async () => {
      const input = 'y'.repeat(300_000);
      expect(await client.ok(['exec', '-i', POD, '-c', 'main', '--', 'wc', '-c'], { input })).toMatch(/^\s*300000\n$/);
    });

    it('runs an interactive shell on a terminal with -it', async () => {
      const argv = [client.binary, '--kubeconfig', kubeconfig, '--cache-dir', client.cacheDir];
      const session = await ttySession(
        [...argv, 'exec', '-it', POD, '-c', 'main', '--', 'sh'],
        ['echo $((6*7)); tty', 'exit 5'],
      );
      expect(session.output).toContain('echo $((6*7)); tty');
      expect(session.output).toMatch(/\r\n42\r\n\/dev\/pts\/\d+\r\n/);
      expect(session.code).toBe(5);
    });
  });

  it("refuses exec to a node's identity", async () => {
    const asNode = new Kubectl(join(cluster.dataDir, 'kubelet.kubeconfig'));
    const result = await asNode.run(['exec', POD, '-c', 'main', '--', 'true']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/cannot create resource "pods\/exec"/);
  });
});
