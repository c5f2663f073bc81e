// Pods on a real agent, driven with the real kubectl: a pod bound by nodeName runs its command as
// a host process with its env and a mounted ConfigMap key, its log lands in the CRI log file, a
// crashing container backs off (CrashLoopBackOff), kubectl exec runs in the container's mounts and
// env, the agent records kubelet's events, and deletion stops the process in its grace period.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PodAgentCluster, startPodAgentCluster } from './support/pod-agent';
import { waitFor } from '@kubenest/testing/wait';

interface PodView {
  metadata: { uid: string };
  status: {
    phase: string;
    podIP?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      restartCount: number;
      image: string;
      state: { running?: object; waiting?: { reason: string; message?: string }; terminated?: object };
      lastState: { terminated?: { exitCode: number; reason: string } };
    }[];
  };
}

interface EventView {
  type: string;
  reason: string;
  message: string;
  count: number;
  involvedObject: { kind: string; name: string; namespace: string; fieldPath?: string };
  source: { component: string; host: string };
  reportingComponent: string;
  reportingInstance: string;
}

const NODE = 'e2e-pods-node';
const mountDir = `/tmp/kubenest-e2e-mount-${process.pid}`;

const podManifest = (name: string, spec: object) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { e2e: 'pods' } },
    spec: { nodeName: NODE, ...spec },
  });

describe('pods on a real agent', () => {
  let cluster: PodAgentCluster;
  const get = async (name: string): Promise<PodView> =>
    JSON.parse(await cluster.kubectl.ok(['get', 'pod', name, '-o', 'json']));
  const create = (name: string, spec: object) =>
    cluster.kubectl.ok(['create', '-f', '-'], { input: podManifest(name, spec) });
  const processRecord = (uid: string, container: string): { pid: number } =>
    JSON.parse(readFileSync(join(cluster.dataDir, 'pods', uid, container, 'process.json'), 'utf8'));

  beforeAll(async () => {
    cluster = await startPodAgentCluster(NODE);
    await cluster.kubectl.ok([
      'create',
      'configmap',
      'app-config',
      '--from-literal=greeting=hello from a configmap',
      '--from-literal=mode=fast',
    ]);
  });

  afterAll(async () => {
    // A stopped agent leaves its pods' processes running, as kubelet does: delete the pods first.
    await cluster?.kubectl.run(['delete', 'pods', '--all', '--grace-period=1', '--timeout=60s']);
    await cluster?.stop();
  });

  it('runs a pod with its env and a mounted ConfigMap key, and writes its log file', async () => {
    await create('env-pod', {
      containers: [
        {
          name: 'main',
          image: 'busybox',
          command: ['sh', '-c'],
          args: [
            `echo POD=$POD_NAME NS=$POD_NAMESPACE IP=$POD_IP MODE=$MODE; cat ${mountDir}/greeting; echo; sleep 3600`,
          ],
          env: [
            { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
            { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
            { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'mode' } } },
          ],
          volumeMounts: [{ name: 'cfg', mountPath: mountDir, readOnly: true }],
        },
      ],
      volumes: [{ name: 'cfg', configMap: { name: 'app-config' } }],
    });
    const pod = await waitFor(
      'env-pod Running',
      async () => {
        const p = await get('env-pod');
        return p.status.phase === 'Running' ? p : undefined;
      },
      30_000,
      200,
    ).catch((e) => {
      throw new Error(`${(e as Error).message}\n${cluster.agentOutput()}`);
    });
    expect(pod.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(pod.status.containerStatuses?.[0]).toMatchObject({
      image: 'busybox',
      restartCount: 0,
      state: { running: {} },
    });
    expect(pod.status.podIP).toBe('127.0.0.1');
    const logFile = join(cluster.dataDir, 'pods', pod.metadata.uid, 'main', '0.log');
    const log = await waitFor('the greeting in the log', () => {
      const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      return text.includes('hello from a configmap') ? text : undefined;
    });
    expect(log).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z stdout F POD=env-pod NS=default IP=127.0.0.1 MODE=fast$/m,
    );
    expect(log).toMatch(/ stdout F hello from a configmap$/m);
    expect(await cluster.kubectl.ok(['get', 'pod', 'env-pod'])).toMatch(/env-pod\s+1\/1\s+Running\s+0/);
  });

  it("runs kubectl exec in the container's mount namespace, working directory and environment", async () => {
    await create('exec-pod', {
      containers: [
        {
          name: 'main',
          image: 'busybox',
          command: ['sleep', '3600'],
          workingDir: '/etc/x',
          env: [
            { name: 'SOME_ENV', value: 'some value' },
            { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'mode' } } },
          ],
          volumeMounts: [{ name: 'cfg', mountPath: '/etc/x', readOnly: true }],
        },
      ],
      volumes: [{ name: 'cfg', configMap: { name: 'app-config' } }],
    });
    await waitFor(
      'exec-pod Running',
      async () => ((await get('exec-pod')).status.phase === 'Running' ? true : undefined),
      30_000,
      200,
    );
    expect(await cluster.kubectl.ok(['exec', 'exec-pod', '--', 'cat', '/etc/x/greeting'])).toBe(
      'hello from a configmap',
    );
    // The mount is the container's alone: the host sees no key there.
    expect(existsSync('/etc/x/greeting')).toBe(false);
    expect(await cluster.kubectl.ok(['exec', 'exec-pod', '--', 'sh', '-c', 'echo $SOME_ENV'])).toBe('some value\n');
    expect(await cluster.kubectl.ok(['exec', 'exec-pod', '--', 'sh', '-c', 'echo $MODE; pwd; ls'])).toBe(
      'fast\n/etc/x\ngreeting\nmode\n',
    );
  });

  it("runs kubectl exec -it on a terminal in the container's mount namespace", async () => {
    // Python's pty gives kubectl the terminal that -t needs; its output comes back on our pipe.
    const ptyRun = 'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))';
    const kubectlArgv = ['kubectl', '--kubeconfig', cluster.server.kubeconfig, '--cache-dir', cluster.kubectl.cacheDir];
    const session = await new Promise<{ output: string; code: number | null }>((done) => {
      const child = spawn('python3', [
        '-c',
        ptyRun,
        ...kubectlArgv,
        'exec',
        '-it',
        'exec-pod',
        '--',
        'sh',
        '-c',
        'cat /etc/x/greeting; echo; tty; exit 4',
      ]);
      let output = '';
      child.stdout.on('data', (d) => (output += d.toString()));
      child.stderr.on('data', (d) => (output += d.toString()));
      child.stdin.end();
      child.once('close', (code) => done({ output, code }));
    });
    expect(session.output).toMatch(/hello from a configmap\r\n\/dev\/pts\/\d+\r\n/);
    expect(session.code).toBe(4);
  });

  it('says why an image without a command cannot run', async () => {
    await create('image-only', { containers: [{ name: 'web', image: 'nginx' }] });
    const waiting = await waitFor(
      'a waiting reason',
      async () => (await get('image-only')).status.containerStatuses?.[0]?.state.waiting,
    );
    expect(waiting).toEqual({
      reason: 'RunContainerError',
      message: "the host-process runtime runs a container's command; image nginx given without a command or args",
    });
    expect((await get('image-only')).status.phase).toBe('Pending');
  });

  it('backs a crashing container off with CrashLoopBackOff and a rising restart count', async () => {
    await create('crasher', {
      containers: [{ name: 'boom', image: 'busybox', command: ['sh', '-c', 'echo boom; exit 3'] }],
    });
    const status = await waitFor(
      'CrashLoopBackOff with 2 restarts',
      async () => {
        const c = (await get('crasher')).status.containerStatuses?.[0];
        return c && c.restartCount >= 2 && c.state.waiting?.reason === 'CrashLoopBackOff' ? c : undefined;
      },
      40_000,
      250,
    );
    expect(status.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(status.state.waiting?.message).toMatch(
      /^back-off (10|20)s restarting failed container=boom pod=crasher_default/,
    );
    expect(await cluster.kubectl.ok(['get', 'pod', 'crasher'])).toMatch(/crasher\s+0\/1\s+CrashLoopBackOff\s+[2-9]/);
  });

  it('records kubelet events: Started for a running pod, BackOff for the crashing one', async () => {
    const events = async (pod: string): Promise<EventView[]> =>
      JSON.parse(
        await cluster.kubectl.ok(['get', 'events', '--field-selector', `involvedObject.name=${pod}`, '-o', 'json']),
      ).items;
    const started = await waitFor('a Started event for env-pod', async () =>
      (await events('env-pod')).find((e) => e.reason === 'Started'),
    );
    expect(started).toMatchObject({
      type: 'Normal',
      message: 'Started container main',
      involvedObject: { kind: 'Pod', name: 'env-pod', namespace: 'default', fieldPath: 'spec.containers{main}' },
      source: { component: 'kubelet', host: NODE },
      reportingComponent: 'kubelet',
      reportingInstance: NODE,
      count: 1,
    });
    const envReasons = (await events('env-pod')).map((e) => e.reason);
    expect(envReasons).toEqual(expect.arrayContaining(['Pulled', 'Created', 'Started']));

    const uid = (await get('crasher')).metadata.uid;
    const backOff = await waitFor('a BackOff event for crasher', async () =>
      (await events('crasher')).find((e) => e.reason === 'BackOff'),
    );
    expect(backOff).toMatchObject({
      type: 'Warning',
      message: `Back-off restarting failed container boom in pod crasher_default(${uid})`,
    });
    // Each restart is the same Started event again: counted on one event, not a new one.
    const crasherStarted = (await events('crasher')).filter((e) => e.reason === 'Started');
    expect(crasherStarted).toHaveLength(1);
    expect(crasherStarted[0].count).toBeGreaterThanOrEqual(3);
    expect(await cluster.kubectl.ok(['get', 'events', '--field-selector', 'involvedObject.name=crasher'])).toMatch(
      /Warning\s+BackOff\s+pod\/crasher\s+Back-off restarting failed container boom/,
    );
    const failed = await waitFor('a Failed event for image-only', async () =>
      (await events('image-only')).find((e) => e.reason === 'Failed'),
    );
    expect(failed).toMatchObject({
      type: 'Warning',
      message:
        "Error: the host-process runtime runs a container's command; image nginx given without a command or args",
    });
    expect(await cluster.kubectl.ok(['describe', 'pod', 'crasher'])).toMatch(
      /Normal\s+Started\s+.*kubelet\s+Started container boom/,
    );
  });

  it.each([
    { name: 'stops on SIGTERM at once', script: 'sleep 3600', grace: 10, min: 0, max: 5000 },
    {
      name: 'kills one that ignores SIGTERM after the grace period',
      script: "trap '' TERM; while true; do sleep 0.2; done",
      grace: 3,
      min: 2500,
      max: 9000,
    },
  ])('kubectl delete pod $name', async ({ script, grace, min, max }) => {
    const name = `stop-${grace}`;
    await create(name, {
      terminationGracePeriodSeconds: grace,
      containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', script] }],
    });
    const pod = await waitFor(
      `${name} Running`,
      async () => {
        const p = await get(name);
        return p.status.phase === 'Running' ? p : undefined;
      },
      30_000,
      200,
    );
    const { pid } = processRecord(pod.metadata.uid, 'c');
    expect(existsSync(`/proc/${pid}`)).toBe(true);
    const started = Date.now();
    await cluster.kubectl.ok(['delete', 'pod', name, '--timeout=60s']);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(min);
    expect(took).toBeLessThan(max);
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(existsSync(join(cluster.dataDir, 'pods', pod.metadata.uid))).toBe(false);
    const killing = await waitFor('a Killing event', async () =>
      (
        JSON.parse(
          await cluster.kubectl.ok([
            'get',
            'events',
            '--field-selector',
            `involvedObject.name=${name},reason=Killing`,
            '-o',
            'json',
          ]),
        ).items as EventView[]
      ).find((e) => e.involvedObject.name === name),
    );
    expect(killing.message).toBe('Stopping container c');
  });

  it('starts pods quickly: create with nodeName → Running as a watcher sees it', async () => {
    const watcher = cluster.kubectl.start([
      'get',
      'pods',
      '-l',
      'e2e=latency',
      '-w',
      '-o',
      'jsonpath={.metadata.name} {.status.phase}{"\\n"}',
    ]);
    await new Promise((r) => setTimeout(r, 1000));
    const latencies: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const name = `fast-${i}`;
        const manifest = JSON.parse(
          podManifest(name, { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] }),
        );
        manifest.metadata.labels = { e2e: 'latency' };
        const started = Date.now();
        await cluster.kubectl.ok(['create', '-f', '-'], { input: JSON.stringify(manifest) });
        await waitFor(
          `${name} Running in the watch`,
          () => (watcher.output().includes(`${name} Running`) ? true : undefined),
          20_000,
          10,
        );
        latencies.push(Date.now() - started);
      }
    } finally {
      watcher.stop();
    }
    process.stdout.write(`pod start latency (create → Running seen by a watcher), ms: ${latencies.join(', ')}\n`);
    expect(Math.max(...latencies)).toBeLessThan(5000);
  });
});
