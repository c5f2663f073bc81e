// A plain @kubernetes/client-node CoreV1Api call, run as an ESM program: prints the namespace
// list as one JSON line, or the error as {"error": ...} with exit code 1.
// Usage: node list-namespaces.mjs <kubeconfig>
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

const [kubeconfigPath] = process.argv.slice(2);
const kc = new KubeConfig();
kc.loadFromFile(kubeconfigPath);
const core = kc.makeApiClient(CoreV1Api);

try {
  const list = await core.listNamespace();
  const names = list.items.map((ns) => ns.metadata?.name);
  process.stdout.write(
    `${JSON.stringify({ kind: list.kind, resourceVersion: list.metadata?.resourceVersion, names })}\n`,
  );
} catch (err) {
  process.stdout.write(`${JSON.stringify({ error: String(err?.message ?? err), code: err?.code, body: err?.body })}\n`);
  process.exitCode = 1;
}
