// pods/binding and pods/eviction through the real @kubernetes/client-node, as a scheduler and a
// drain would call them, run as an ESM program: prints one JSON line per call, its answer or error.
// Usage: node bind-and-evict.mjs <kubeconfig> <namespace> <pod> <node>
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

const [kubeconfigPath, namespace, name, node] = process.argv.slice(2);
const kc = new KubeConfig();
kc.loadFromFile(kubeconfigPath);
const core = kc.makeApiClient(CoreV1Api);

const call = async (step, fn) => {
  try {
    const answer = await fn();
    process.stdout.write(`${JSON.stringify({ step, answer })}\n`);
  } catch (err) {
    const body = typeof err?.body === 'string' ? JSON.parse(err.body) : err?.body;
    process.stdout.write(`${JSON.stringify({ step, error: { code: err?.code, body } })}\n`);
  }
};

const binding = {
  apiVersion: 'v1',
  kind: 'Binding',
  metadata: { name },
  target: { apiVersion: 'v1', kind: 'Node', name: node },
};
await call('bind', () => core.createNamespacedPodBinding({ name, namespace, body: binding }));
await call('bind again', () => core.createNamespacedPodBinding({ name, namespace, body: binding }));
await call('evict', () =>
  core.createNamespacedPodEviction({
    name,
    namespace,
    body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name }, deleteOptions: { gracePeriodSeconds: 0 } },
  }),
);
