// An @kubernetes/client-node informer on the pods of one namespace, run as a plain ESM program
// (the client is ESM-only, jest runs CommonJS). Prints one JSON line per informer event.
// Usage: node informer.mjs <kubeconfig> <namespace>
import { CoreV1Api, KubeConfig, makeInformer } from '@kubernetes/client-node';

const [kubeconfigPath, namespace] = process.argv.slice(2);
if (!kubeconfigPath || !namespace) {
  process.stderr.write('usage: node informer.mjs <kubeconfig> <namespace>\n');
  process.exit(2);
}

const print = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const describe = (pod) => ({
  name: pod.metadata?.name,
  resourceVersion: pod.metadata?.resourceVersion,
  labels: pod.metadata?.labels ?? {},
});

const kc = new KubeConfig();
kc.loadFromFile(kubeconfigPath);
const core = kc.makeApiClient(CoreV1Api);
const informer = makeInformer(kc, `/api/v1/namespaces/${namespace}/pods`, () => core.listNamespacedPod({ namespace }));

for (const type of ['add', 'update', 'delete']) {
  informer.on(type, (pod) => print({ type, ...describe(pod) }));
}
informer.on('connect', () => print({ type: 'connect' }));
// As the client's own examples do: an informer stops on error, so restart it after a pause.
informer.on('error', (err) => {
  print({ type: 'error', message: String(err?.message ?? err) });
  setTimeout(() => informer.start().catch(() => undefined), 1000);
});

const stop = () =>
  informer
    .stop()
    .catch(() => undefined)
    .finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

await informer.start();
print({ type: 'ready', pods: informer.list(namespace).map((pod) => pod.metadata?.name) });
