// `kubectl delete namespace` against a server started as `npm start` starts it: the namespace
// controller empties the namespace and finalizes it, and a pod waiting for its node's agent
// holds the namespace Terminating until it is force-deleted.
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';

const deployment = JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
  },
});

/** A pod bound to a node no agent serves: its graceful deletion never completes on its own. */
const boundPod = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'stuck' },
  spec: { nodeName: 'no-agent', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
});

let server: KubenestServer;
let kubectl: Kubectl;

beforeAll(async () => {
  server = await startKubenest();
  kubectl = new Kubectl(server.kubeconfig);
});

afterAll(async () => {
  await server?.stop();
});

const exists = async (args: string[]): Promise<boolean> => (await kubectl.run(['get', ...args])).code === 0;

describe('namespace deletion', () => {
  it('deletes the content, then the namespace, while kubectl waits', async () => {
    await kubectl.ok(['create', 'namespace', 'gone']);
    await kubectl.ok(['-n', 'gone', 'create', 'configmap', 'settings', '--from-literal=a=b']);
    await kubectl.ok(['-n', 'gone', 'create', 'secret', 'generic', 'creds', '--from-literal=password=x']);
    await kubectl.ok(['-n', 'gone', 'create', '-f', '-'], { input: deployment });
    const started = Date.now();
    expect(await kubectl.ok(['delete', 'namespace', 'gone'], { timeoutMs: 30_000 })).toContain(
      'namespace "gone" deleted',
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await exists(['namespace', 'gone'])).toBe(false);
    for (const resource of ['configmaps', 'secrets', 'deployments', 'replicasets', 'pods']) {
      expect((await kubectl.ok(['-n', 'gone', 'get', resource, '-o', 'name'])).trim()).toBe('');
    }
  });

  it('keeps a namespace Terminating while a pod waits for its agent, until the pod is force-deleted', async () => {
    await kubectl.ok(['create', 'namespace', 'held']);
    await kubectl.ok(['-n', 'held', 'create', '-f', '-'], { input: boundPod });
    await kubectl.ok(['delete', 'namespace', 'held', '--wait=false']);
    await waitFor('the pod to be marked for deletion', async () => {
      const pod = JSON.parse(await kubectl.ok(['-n', 'held', 'get', 'pod', 'stuck', '-o', 'json']));
      return !!pod.metadata.deletionTimestamp;
    });
    await waitFor('the content-remaining condition', async () => {
      const ns = JSON.parse(await kubectl.ok(['get', 'namespace', 'held', '-o', 'json']));
      return (ns.status.conditions ?? []).some(
        (c: { type: string; status: string }) => c.type === 'NamespaceContentRemaining' && c.status === 'True',
      );
    });
    await new Promise((r) => setTimeout(r, 2_000));
    const ns = JSON.parse(await kubectl.ok(['get', 'namespace', 'held', '-o', 'json']));
    expect(ns.status.phase).toBe('Terminating');
    expect(ns.spec.finalizers).toEqual(['kubernetes']);

    await kubectl.ok(['-n', 'held', 'delete', 'pod', 'stuck', '--grace-period=0', '--force']);
    await waitFor('the namespace to go', async () => !(await exists(['namespace', 'held'])));
  });
});
