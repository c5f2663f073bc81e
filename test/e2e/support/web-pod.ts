// A pod on a given node whose container serves a directory over HTTP on a loopback port (Python's
// http.server), for the tests that reach a pod's port through the tunnel.
import { nodePod } from './node-pod';

export const webServerPod = (name: string, nodeName: string, dir: string, port: number) =>
  nodePod(name, nodeName, [
    {
      name: 'web',
      image: 'python',
      command: ['python3', '-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir],
      ports: [{ containerPort: port }],
    },
  ]);
