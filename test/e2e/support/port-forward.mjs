// @kubernetes/client-node's PortForward (a WebSocket to pods/portforward) behind a local TCP
// listener, as its docs show it: each local connection is forwarded to the pod's port. Prints
// {"type":"listening","port":N}, then {"type":"error","text":...} for what the error channel says.
// Usage: node port-forward.mjs <kubeconfig> <namespace> <pod> <pod port>
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { KubeConfig, PortForward } from '@kubernetes/client-node';

const [kubeconfigPath, namespace, pod, podPort] = process.argv.slice(2);
const kc = new KubeConfig();
kc.loadFromFile(kubeconfigPath);
const forward = new PortForward(kc);
const print = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

const server = createServer((socket) => {
  const errors = new Writable({
    write(chunk, _encoding, done) {
      print({ type: 'error', text: chunk.toString('utf8') });
      done();
    },
  });
  forward.portForward(namespace, pod, [Number(podPort)], socket, errors, socket).catch((err) => {
    print({ type: 'failed', text: String(err?.message ?? err) });
    socket.destroy();
  });
});
server.listen(0, '127.0.0.1', () => print({ type: 'listening', port: server.address().port }));
