// Port-forward to a pod on an agent that only connects out: the apiserver serves pods/portforward
// and the agent dials the pod's port. kubectl speaks SPDY/3.1 (1.33 first tries SPDY over a
// WebSocket and falls back; 1.27 speaks SPDY/3.1 only); @kubernetes/client-node (as the Python
// client) speaks kubelet's WebSocket channels.
import { get } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Kubectl } from '@kubenest/testing/kubectl';
import { freePort } from '@kubenest/testing/postgres';
import { startJsonLinesProcess } from './support/json-lines-process';
import { PodAgentCluster, startPodAgentCluster } from './support/pod-agent';
import { waitFor } from '@kubenest/testing/wait';
import { webServerPod } from './support/web-pod';

const NODE = 'e2e-port-forward-node';
const POD = 'web';
const BODY = 'hello through the tunnel\n';
/** Well past SPDY's 64 KiB initial window and the relays' 1 MiB buffers. */
const BIG = 'x'.repeat(3 * 1024 * 1024);

/** GETs a loopback URL: its status and body, or the connection's error. */
const httpGet = (port: number, path = '/'): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
  });

describe('kubectl port-forward through the node tunnel', () => {
  let cluster: PodAgentCluster;
  let kubeconfig: string;
  let webDir: string;
  let podPort: number;

  beforeAll(async () => {
    cluster = await startPodAgentCluster(NODE);
    kubeconfig = cluster.server.kubeconfig;
    webDir = mkdtempSync(join(tmpdir(), 'kubenest-port-forward-'));
    writeFileSync(join(webDir, 'index.html'), BODY);
    writeFileSync(join(webDir, 'big.txt'), BIG);
    podPort = await freePort();
    await cluster.kubectl.ok(['apply', '-f', '-'], { input: JSON.stringify(webServerPod(POD, NODE, webDir, podPort)) });
    await waitFor(
      'the pod running and serving',
      async () =>
        (await cluster.kubectl.ok(['get', 'pod', POD, '-o', 'jsonpath={.status.phase}'])) === 'Running' &&
        (await httpGet(podPort)).body === BODY,
      60_000,
      300,
    ).catch((e) => {
      throw new Error(`${(e as Error).message}\nagent: ${cluster.agentOutput()}`);
    });
  });

  afterAll(async () => {
    await cluster?.kubectl.run(['delete', 'pod', POD, '--wait=true', '--timeout=20s']);
    await cluster?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  describe.each([{ minor: 33 }, { minor: 27 }])('with kubectl 1.$minor', ({ minor }) => {
    /** Starts `kubectl port-forward` to a pod port and waits until it listens locally. */
    const portForward = async (targetPort: number) => {
      const localPort = await freePort();
      const kubectl = new Kubectl(kubeconfig, minor);
      const running = kubectl.start(['port-forward', `pod/${POD}`, `${localPort}:${targetPort}`]);
      await waitFor(
        'kubectl to listen',
        () => running.output().includes(`Forwarding from 127.0.0.1:${localPort} -> ${targetPort}`),
        20_000,
      ).catch((e) => {
        running.stop();
        throw new Error(`${(e as Error).message}\nkubectl: ${running.output()}`);
      });
      return { localPort, ...running };
    };

    it("forwards a local port to the pod's port", async () => {
      const forwarded = await portForward(podPort);
      try {
        expect(await httpGet(forwarded.localPort)).toEqual({ status: 200, body: BODY });
        // Every connection gets its own stream pair on the same SPDY connection.
        const [a, b] = await Promise.all([httpGet(forwarded.localPort), httpGet(forwarded.localPort)]);
        expect([a.body, b.body]).toEqual([BODY, BODY]);
        expect((await httpGet(forwarded.localPort, '/missing')).status).toBe(404);
        const big = await httpGet(forwarded.localPort, '/big.txt');
        expect(big.body.length).toBe(BIG.length);
        expect(big.body === BIG).toBe(true);
      } finally {
        forwarded.stop();
      }
    });

    it('reports a pod port nothing listens on', async () => {
      const closedPort = await freePort();
      const forwarded = await portForward(closedPort);
      try {
        await expect(httpGet(forwarded.localPort)).rejects.toThrow();
        await waitFor('the error from kubectl', () =>
          forwarded.output().includes(`error forwarding port ${closedPort} to pod`),
        );
      } finally {
        forwarded.stop();
      }
    });
  });

  describe('with @kubernetes/client-node over a WebSocket', () => {
    type Forwarded = { type: 'listening'; port: number } | { type: 'error' | 'failed'; text: string };
    const portForward = async (targetPort: number) => {
      const forwarder = startJsonLinesProcess<Forwarded>(join(__dirname, 'support', 'port-forward.mjs'), [
        kubeconfig,
        'default',
        POD,
        String(targetPort),
      ]);
      const listening = await forwarder.waitForEvent('the forwarder to listen', (e) => e.type === 'listening');
      return { localPort: (listening as { port: number }).port, forwarder };
    };

    it("forwards a local port to the pod's port", async () => {
      const { localPort, forwarder } = await portForward(podPort);
      try {
        expect(await httpGet(localPort)).toEqual({ status: 200, body: BODY });
        const [a, b] = await Promise.all([httpGet(localPort), httpGet(localPort)]);
        expect([a.body, b.body]).toEqual([BODY, BODY]);
        const big = await httpGet(localPort, '/big.txt');
        expect(big.body.length).toBe(BIG.length);
        expect(big.body === BIG).toBe(true);
        // client-node hands the error channel's opening message on, empty once the port's bytes are cut off.
        expect(forwarder.events().filter((e) => e.type !== 'listening' && e.text !== '')).toEqual([]);
      } finally {
        await forwarder.stop();
      }
    });

    it('reports a pod port nothing listens on', async () => {
      const closedPort = await freePort();
      const { localPort, forwarder } = await portForward(closedPort);
      try {
        // client-node leaves the local connection open after the WebSocket closes: no answer is awaited.
        void httpGet(localPort).catch(() => undefined);
        const error = await forwarder.waitForEvent('the error channel', (e) => e.type === 'error' && e.text !== '');
        expect(error).toMatchObject({ text: expect.stringContaining(`error forwarding port ${closedPort} to pod`) });
      } finally {
        await forwarder.stop();
      }
    });
  });
});
