// Probes on a real agent, driven with the real kubectl: a container whose exec liveness probe
// starts failing is killed and restarted, and an httpGet readiness probe (named port) drives the
// container's ready flag and the pod's Ready condition both ways.
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { PodAgentCluster, startPodAgentCluster } from './support/pod-agent';
import { waitFor } from '@kubenest/testing/wait';

interface PodView {
  status: {
    phase: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      ready: boolean;
      started?: boolean;
      restartCount: number;
      state: { running?: object; waiting?: object; terminated?: object };
      lastState: { terminated?: { exitCode: number; reason: string } };
    }[];
  };
}

const NODE = 'e2e-probes-node';
const workDir = `/tmp/kubenest-e2e-probes-${process.pid}`;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('probes on a real agent', () => {
  let cluster: PodAgentCluster;
  const get = async (name: string): Promise<PodView> =>
    JSON.parse(await cluster.kubectl.ok(['get', 'pod', name, '-o', 'json']));
  const create = (name: string, spec: object) =>
    cluster.kubectl.ok(['create', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: NODE, ...spec } }),
    });
  const until = <T>(what: string, pick: (p: PodView) => T | undefined, name: string, timeoutMs = 30_000) =>
    waitFor(what, async () => pick(await get(name)), timeoutMs, 200).catch(async (e) => {
      throw new Error(
        `${(e as Error).message}\npod: ${JSON.stringify((await get(name)).status)}\n${cluster.agentOutput()}`,
      );
    });
  const readyCondition = (p: PodView) => p.status.conditions?.find((c) => c.type === 'Ready')?.status;

  beforeAll(async () => {
    mkdirSync(workDir, { recursive: true });
    cluster = await startPodAgentCluster(NODE);
  });

  afterAll(async () => {
    await cluster?.kubectl.run(['delete', 'pods', '--all', '--grace-period=1', '--timeout=60s']);
    await cluster?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('restarts a container whose exec liveness probe fails', async () => {
    const dir = `${workDir}/live`;
    await create('liveness', {
      terminationGracePeriodSeconds: 2,
      containers: [
        {
          name: 'app',
          image: 'busybox',
          command: ['sh', '-c', `mkdir -p ${dir} && touch ${dir}/healthy && exec sleep 3600`],
          livenessProbe: {
            exec: { command: ['test', '-f', `${dir}/healthy`] },
            initialDelaySeconds: 1,
            periodSeconds: 1,
            failureThreshold: 2,
          },
        },
      ],
    });
    await until('liveness Ready', (p) => (readyCondition(p) === 'True' ? p : undefined), 'liveness');
    // Three periods without a failure: the probe passes while the file is there.
    await new Promise((r) => setTimeout(r, 3000));
    expect((await get('liveness')).status.containerStatuses?.[0].restartCount).toBe(0);

    unlinkSync(`${dir}/healthy`);
    const restarted = await until(
      'a restart after the liveness failure',
      (p) => {
        const c = p.status.containerStatuses?.[0];
        return c && c.restartCount >= 1 && c.state.running ? c : undefined;
      },
      'liveness',
    );
    expect(restarted.lastState.terminated).toMatchObject({ reason: 'Error' });
    expect([137, 143]).toContain(restarted.lastState.terminated?.exitCode);
    // The restarted container made the file again: it stays up.
    await new Promise((r) => setTimeout(r, 3000));
    expect((await get('liveness')).status.containerStatuses?.[0].restartCount).toBe(restarted.restartCount);
  });

  it('turns Ready on and off with an httpGet readiness probe on a named port', async () => {
    const dir = `${workDir}/web`;
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    await create('readiness', {
      containers: [
        {
          name: 'web',
          image: 'python',
          command: ['python3', '-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir],
          ports: [{ name: 'http', containerPort: port }],
          readinessProbe: {
            httpGet: { path: '/ready', port: 'http', httpHeaders: [{ name: 'X-Probe', value: 'e2e' }] },
            periodSeconds: 1,
            failureThreshold: 1,
          },
        },
      ],
    });
    const running = await until(
      'readiness running',
      (p) => (p.status.containerStatuses?.[0]?.state.running ? p : undefined),
      'readiness',
    );
    // Served 404 until the file exists: running, started, not ready.
    expect(running.status.containerStatuses?.[0]).toMatchObject({ ready: false, started: true });
    expect(readyCondition(running)).toBe('False');
    expect(await cluster.kubectl.ok(['get', 'pod', 'readiness'])).toMatch(/readiness\s+0\/1\s+Running/);

    writeFileSync(`${dir}/ready`, 'ok');
    await until('Ready True', (p) => (readyCondition(p) === 'True' ? p : undefined), 'readiness');
    expect((await get('readiness')).status.containerStatuses?.[0].ready).toBe(true);
    expect(await cluster.kubectl.ok(['get', 'pod', 'readiness'])).toMatch(/readiness\s+1\/1\s+Running/);

    unlinkSync(`${dir}/ready`);
    const unready = await until('Ready False', (p) => (readyCondition(p) === 'False' ? p : undefined), 'readiness');
    expect(unready.status.conditions?.find((c) => c.type === 'ContainersReady')?.status).toBe('False');
    expect(unready.status.containerStatuses?.[0]).toMatchObject({
      ready: false,
      restartCount: 0,
      state: { running: {} },
    });
  });

  it('keeps a container unstarted and unready until its tcpSocket startup probe passes', async () => {
    const port = await freePort();
    await create('startup', {
      containers: [
        {
          name: 'late',
          image: 'python',
          command: ['sh', '-c', `sleep 4; exec python3 -m http.server ${port} --bind 127.0.0.1`],
          startupProbe: { tcpSocket: { port }, periodSeconds: 1, failureThreshold: 30 },
          livenessProbe: { tcpSocket: { port }, periodSeconds: 1, failureThreshold: 1 },
        },
      ],
    });
    const early = await until(
      'startup running',
      (p) => (p.status.containerStatuses?.[0]?.state.running ? p : undefined),
      'startup',
    );
    expect(early.status.containerStatuses?.[0]).toMatchObject({ started: false, ready: false });
    const started = await until('started and Ready', (p) => (readyCondition(p) === 'True' ? p : undefined), 'startup');
    // The liveness probe (failureThreshold 1) waited for startup: no restart while the server came up.
    expect(started.status.containerStatuses?.[0]).toMatchObject({ started: true, ready: true, restartCount: 0 });
  });
});
