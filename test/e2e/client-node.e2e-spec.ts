// The real @kubernetes/client-node against the running server: a pod informer sees a pod's
// add, update and delete, and a plain CoreV1Api call lists namespaces.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { startJsonLinesProcess } from './support/json-lines-process';

interface InformerEvent {
  type: 'ready' | 'connect' | 'error' | 'add' | 'update' | 'delete';
  name?: string;
  labels?: Record<string, string>;
  message?: string;
}

const support = join(__dirname, 'support');

const runNode = (script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) =>
    execFile(process.execPath, [join(support, script), ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    ),
  );

describe('@kubernetes/client-node', () => {
  let server: KubenestServer;
  let kubectl: Kubectl;

  beforeAll(async () => {
    server = await startKubenest();
    kubectl = new Kubectl(server.kubeconfig);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('CoreV1Api.listNamespace sees default', async () => {
    const result = await runNode('list-namespaces.mjs', [server.kubeconfig]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const answer = JSON.parse(result.stdout.trim());
    expect(answer.names).toContain('default');
    expect(answer.resourceVersion).toMatch(/^\d+$/);
  });

  it('a pod informer sees add, update and delete', async () => {
    const namespace = 'informer-e2e';
    await kubectl.ok(['create', 'namespace', namespace]);
    const informer = startJsonLinesProcess<InformerEvent>(join(support, 'informer.mjs'), [
      server.kubeconfig,
      namespace,
    ]);
    try {
      const ready = await informer.waitForEvent('the informer to list and start watching', (e) => e.type === 'ready');
      expect(ready).toEqual({ type: 'ready', pods: [] });

      await kubectl.ok(['run', 'web', '-n', namespace, '--image=nginx', '--restart=Never']);
      await informer.waitForEvent('add of pod web', (e) => e.type === 'add' && e.name === 'web');

      await kubectl.ok(['label', 'pod', 'web', '-n', namespace, 'tier=frontend']);
      const updated = await informer.waitForEvent(
        'update of pod web with label tier=frontend',
        (e) => e.type === 'update' && e.name === 'web' && e.labels?.tier === 'frontend',
      );
      expect(updated.labels).toMatchObject({ run: 'web', tier: 'frontend' });

      // An unscheduled pod goes at once (no kubelet to wait for); the informer is the judge.
      await kubectl.ok(['delete', 'pod', 'web', '-n', namespace, '--wait=false']);
      await informer.waitForEvent('delete of pod web', (e) => e.type === 'delete' && e.name === 'web');

      expect(informer.events().filter((e) => e.type === 'error')).toEqual([]);
      const forWeb = informer
        .events()
        .filter((e) => e.name === 'web')
        .map((e) => e.type);
      expect(forWeb[0]).toBe('add');
      expect(forWeb[forWeb.length - 1]).toBe('delete');
    } finally {
      await informer.stop();
    }
  });
});
