// The endpoint, endpointslice, serviceaccount, root-ca-cert-publisher and podgc loops seen from
// outside with the real kubectl, on the two nodes of one `--simulate 2` agent (which reports every
// pod it runs Running and Ready with an address): a Deployment exposed as a Service gets Endpoints
// and one EndpointSlice listing its pods, both follow a scale-down, a pod made not ready moves to
// notReadyAddresses, an Endpoints deleted by hand comes back and both go with the Service; a new
// namespace gets its `default` ServiceAccount and `kube-root-ca.crt`, both put back when deleted;
// finished pods above the threshold (3 here, by env) are trimmed oldest first; a pod bound to a
// node that is deleted is removed once kube's 40 s quarantine has passed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caPublicKeyHash } from '@kubenest/pki/ca-public-key-hash';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';
import { AgentProcess, startAgentProcess, stopAgentAndPods } from './support/agent-process';
import { bootstrapTokenManifest } from './support/bootstrap-token';

const TOKEN = 'endpts.0123456789abcdef';
const NS = 'web';
const GC_THRESHOLD = 3;

interface Address {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: string; name: string };
}

interface EndpointsView {
  metadata: { annotations?: Record<string, string> };
  subsets?: { addresses?: Address[]; notReadyAddresses?: Address[]; ports?: { port: number; protocol: string }[] }[];
}

interface SliceView {
  metadata: { name: string; labels: Record<string, string>; ownerReferences?: { kind: string; name: string }[] };
  addressType: string;
  endpoints: {
    addresses: string[];
    conditions: { ready?: boolean };
    nodeName?: string;
    targetRef?: { name: string };
  }[];
  ports?: { port: number }[];
}

const podManifest = (name: string, node: string, labels: Record<string, string> = {}) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, labels },
    spec: { nodeName: node, restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] },
  });

describe('the endpoint, endpointslice, serviceaccount, root CA and pod GC loops, driven by kubectl', () => {
  let server: KubenestServer;
  let kubectl: Kubectl;
  let agent: AgentProcess | undefined;
  const agentDir = mkdtempSync(join(tmpdir(), 'kubenest-endpoints-e2e-'));

  const json = async <T>(args: string[]): Promise<T> => JSON.parse(await kubectl.ok([...args, '-o', 'json'])) as T;
  const endpoints = () => json<EndpointsView>(['get', 'endpoints', 'web', '-n', NS]);
  const slices = async () =>
    (await json<{ items: SliceView[] }>(['get', 'endpointslices', '-n', NS, '-l', 'kubernetes.io/service-name=web']))
      .items;
  const ready = (ep: EndpointsView) => (ep.subsets ?? []).flatMap((s) => s.addresses ?? []);
  const notReady = (ep: EndpointsView) => (ep.subsets ?? []).flatMap((s) => s.notReadyAddresses ?? []);

  beforeAll(async () => {
    server = await startKubenest({ KUBENEST_TERMINATED_POD_GC_THRESHOLD: String(GC_THRESHOLD) });
    kubectl = new Kubectl(server.kubeconfig);
    await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
    agent = startAgentProcess([
      '--server',
      server.url,
      '--token',
      TOKEN,
      '--ca-cert-hash',
      caPublicKeyHash(server.caPem),
      '--name',
      'sim',
      '--data-dir',
      agentDir,
      '--simulate',
      '2',
    ]);
    await waitFor(
      'two Ready nodes',
      async () => {
        const nodes = await json<{ items: { status: { conditions?: { type: string; status: string }[] } }[] }>([
          'get',
          'nodes',
        ]);
        return nodes.items.filter((n) => n.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
          .length === 2
          ? true
          : undefined;
      },
      60_000,
      250,
    ).catch((e) => {
      throw new Error(`${(e as Error).message}\nagent: ${agent?.output()}`);
    });
    await kubectl.ok(['create', 'namespace', NS]);
  }, 120_000);

  afterAll(async () => {
    await stopAgentAndPods(agent, agentDir);
    await server?.stop();
    rmSync(agentDir, { recursive: true, force: true });
  }, 60_000);

  it('removes a pod bound to a node that is deleted, after the quarantine (checked last)', async () => {
    await kubectl.ok(['apply', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'ghost' } }),
    });
    await kubectl.ok(['apply', '-f', '-'], { input: podManifest('on-ghost', 'ghost') });
    await kubectl.ok(['delete', 'node', 'ghost']);
  });

  it('gives an exposed Deployment Endpoints and one EndpointSlice of its 3 pods', async () => {
    await kubectl.ok(['create', 'deployment', 'web', '-n', NS, '--image=x', '--replicas=3']);
    await kubectl.ok(['expose', 'deployment', 'web', '-n', NS, '--port=80', '--target-port=8080']);
    const ep = await waitFor('3 ready addresses', async () => {
      const found = await endpoints().catch(() => undefined);
      return found && ready(found).length === 3 ? found : undefined;
    });
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets![0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    for (const a of ready(ep)) {
      expect(a.nodeName).toMatch(/^sim-[01]$/);
      expect(a.targetRef).toMatchObject({ kind: 'Pod', name: expect.stringMatching(/^web-/) });
    }
    expect(ep.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/Z$/);
    expect(await kubectl.ok(['get', 'endpoints', 'web', '-n', NS])).toMatch(/^NAME\s+ENDPOINTS\s+AGE\nweb\s+\S+:8080,/);

    const [slice] = await waitFor('one slice of 3 endpoints', async () => {
      const found = await slices();
      return found.length === 1 && found[0].endpoints.length === 3 ? found : undefined;
    });
    expect(slice.addressType).toBe('IPv4');
    expect(slice.metadata.labels).toMatchObject({
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Service', name: 'web' })]);
    expect(slice.ports).toEqual([expect.objectContaining({ port: 8080 })]);
    expect(slice.endpoints.map((e) => e.addresses[0]).sort()).toEqual(
      ready(ep)
        .map((a) => a.ip)
        .sort(),
    );
    expect(slice.endpoints.every((e) => e.conditions.ready && e.nodeName)).toBe(true);
    expect(await kubectl.ok(['get', 'endpointslices', '-n', NS, '-l', 'kubernetes.io/service-name=web'])).toMatch(
      /^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE\nweb-\S+\s+IPv4\s+8080\s+\S+,\S+,\S+\s/,
    );
  });

  it('follows a scale-down to 1 in both', async () => {
    await kubectl.ok(['scale', 'deployment', 'web', '-n', NS, '--replicas=1']);
    await waitFor('1 address', async () => (ready(await endpoints()).length === 1 ? true : undefined));
    await waitFor('1 slice endpoint', async () => {
      const found = await slices();
      return found.length === 1 && found[0].endpoints.length === 1 ? true : undefined;
    });
  });

  it('lists a pod that is not ready under notReadyAddresses, and its slice endpoint not ready', async () => {
    const [pod] = (
      await json<{ items: { metadata: { name: string }; status?: { podIP?: string } }[] }>([
        'get',
        'pods',
        '-n',
        NS,
        '-l',
        'app=web',
      ])
    ).items;
    await kubectl.ok([
      'patch',
      'pod',
      pod.metadata.name,
      '-n',
      NS,
      '--subresource=status',
      '-p',
      JSON.stringify({ status: { conditions: [{ type: 'Ready', status: 'False' }] } }),
    ]);
    const ep = await waitFor('the address not ready', async () => {
      const found = await endpoints();
      return notReady(found).length === 1 ? found : undefined;
    });
    expect(ready(ep)).toEqual([]);
    expect(notReady(ep)[0].targetRef?.name).toBe(pod.metadata.name);
    await waitFor('the slice endpoint not ready', async () =>
      (await slices())[0]?.endpoints[0]?.conditions.ready === false ? true : undefined,
    );
  });

  it('puts back an Endpoints deleted by hand, and removes both with the Service', async () => {
    await kubectl.ok(['delete', 'endpoints', 'web', '-n', NS]);
    await waitFor('the Endpoints back', async () => (notReady(await endpoints()).length === 1 ? true : undefined));
    await kubectl.ok(['delete', 'service', 'web', '-n', NS]);
    await waitFor('the Endpoints gone', async () => {
      const r = await kubectl.run(['get', 'endpoints', 'web', '-n', NS]);
      return r.code !== 0 && /NotFound/.test(r.stderr) ? true : undefined;
    });
    await waitFor('the slices gone', async () => ((await slices()).length === 0 ? true : undefined));
  });

  it('gives a new namespace its default ServiceAccount and kube-root-ca.crt, and puts them back', async () => {
    await kubectl.ok(['create', 'namespace', 'fresh']);
    await waitFor('the default ServiceAccount', () => kubectl.ok(['get', 'serviceaccount', 'default', '-n', 'fresh']));
    const cm = await waitFor('kube-root-ca.crt', () =>
      json<{ data: Record<string, string> }>(['get', 'configmap', 'kube-root-ca.crt', '-n', 'fresh']),
    );
    expect(cm.data['ca.crt']).toBe(server.caPem);
    await kubectl.ok(['delete', 'serviceaccount', 'default', '-n', 'fresh']);
    await kubectl.ok(['delete', 'configmap', 'kube-root-ca.crt', '-n', 'fresh']);
    await waitFor('the ServiceAccount back', () => kubectl.ok(['get', 'serviceaccount', 'default', '-n', 'fresh']));
    await waitFor('the ConfigMap back', () => kubectl.ok(['get', 'configmap', 'kube-root-ca.crt', '-n', 'fresh']));
    await kubectl.ok([
      'patch',
      'configmap',
      'kube-root-ca.crt',
      '-n',
      'fresh',
      '-p',
      JSON.stringify({ data: { 'ca.crt': 'tampered' } }),
    ]);
    await waitFor('the CA restored', async () => {
      const now = await json<{ data: Record<string, string> }>(['get', 'configmap', 'kube-root-ca.crt', '-n', 'fresh']);
      return now.data['ca.crt'] === server.caPem ? true : undefined;
    });
  });

  it(`trims finished pods above the threshold (${GC_THRESHOLD}), oldest first`, async () => {
    const names = ['done-1', 'done-2', 'done-3', 'done-4', 'done-5'];
    for (const name of names) {
      await kubectl.ok(['apply', '-f', '-'], { input: podManifest(name, 'sim-0', { done: 'yes' }) });
      await kubectl.ok([
        'patch',
        'pod',
        name,
        '-n',
        NS,
        '--subresource=status',
        '-p',
        JSON.stringify({ status: { phase: 'Failed' } }),
      ]);
      // Distinct creation times, at a second's resolution.
      await new Promise((r) => setTimeout(r, 1100));
    }
    const left = await waitFor(
      `${GC_THRESHOLD} finished pods left`,
      async () => {
        const pods = await json<{ items: { metadata: { name: string } }[] }>([
          'get',
          'pods',
          '-n',
          NS,
          '-l',
          'done=yes',
        ]);
        return pods.items.length === GC_THRESHOLD ? pods.items.map((p) => p.metadata.name).sort() : undefined;
      },
      45_000,
      500,
    );
    expect(left).toEqual(['done-3', 'done-4', 'done-5']);
  }, 70_000);

  it('has removed the pod of the deleted node', async () => {
    await waitFor(
      'the pod on the deleted node gone',
      async () => {
        const r = await kubectl.run(['get', 'pod', 'on-ghost', '-n', NS]);
        return r.code !== 0 && /NotFound/.test(r.stderr) ? true : undefined;
      },
      90_000,
      1000,
    );
  }, 100_000);
});
