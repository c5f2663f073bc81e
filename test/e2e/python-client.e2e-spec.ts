// The official Python client (Debian's python3-kubernetes under Debian's python3, as .ci/run
// installs it) against the server and a real agent: config map CRUD with a label selector, a strategic
// merge patch, a watch, a 404 Status, error bodies as text, then exec and port-forward over its
// WebSocket channels.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@kubenest/testing/postgres';
import { PodAgentCluster, startPodAgentCluster } from './support/pod-agent';
import { waitFor } from '@kubenest/testing/wait';
import { webServerPod } from './support/web-pod';

const PYTHON = '/usr/bin/python3';
const NODE = 'e2e-python-node';
const POD = 'py-web';
const BODY = 'hello, python client\n';

const runPython = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) =>
    execFile(
      PYTHON,
      [join(__dirname, 'support', 'python-client.py'), ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    ),
  );

const answer = async (args: string[]) => {
  const result = await runPython(args);
  if (result.code !== 0) throw new Error(`python-client.py ${args.join(' ')}: ${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '');
};

describe('the Python client', () => {
  let cluster: PodAgentCluster;
  let webDir: string;
  let podPort: number;

  beforeAll(async () => {
    cluster = await startPodAgentCluster(NODE);
    webDir = mkdtempSync(join(tmpdir(), 'kubenest-python-client-'));
    writeFileSync(join(webDir, 'index.html'), BODY);
    podPort = await freePort();
    await cluster.kubectl.ok(['apply', '-f', '-'], { input: JSON.stringify(webServerPod(POD, NODE, webDir, podPort)) });
    await waitFor(
      'the pod running',
      async () => (await cluster.kubectl.ok(['get', 'pod', POD, '-o', 'jsonpath={.status.phase}'])) === 'Running',
      60_000,
      300,
    );
  });

  afterAll(async () => {
    await cluster?.kubectl.run(['delete', 'pod', POD, '--wait=true', '--timeout=20s']);
    await cluster?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it('creates, reads, lists, patches, watches and deletes', async () => {
    await cluster.kubectl.ok(['create', 'namespace', 'python-crud']);
    const seen = await answer([cluster.server.kubeconfig, 'crud', 'python-crud']);
    expect(seen).toEqual({
      namespaces: expect.arrayContaining(['default', 'kube-system', 'python-crud']),
      created: { name: 'py', uid: true },
      read: { a: '1' },
      selected: ['py'],
      patched: { a: '1', b: '2' },
      missing: { status: 404, reason: 'NotFound' },
      listResourceVersion: true,
      events: [
        ['ADDED', 'py'],
        ['MODIFIED', 'py'],
        ['DELETED', 'py'],
      ],
    });
  });

  it('gets error bodies byte for byte as kube-apiserver writes them', async () => {
    const status = (rest: string) => `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",${rest}}\n`;
    const loopback = 'Invalid value: \\"127.0.0.1\\": may not be in the loopback range (127.0.0.0/8, ::1/128)';
    expect(await answer([cluster.server.kubeconfig, 'errors', 'default'])).toEqual({
      notFound: status(
        '"message":"configmaps \\"py-missing\\" not found","reason":"NotFound","details":{"name":"py-missing","kind":"configmaps"},"code":404',
      ),
      alreadyExists: status(
        '"message":"configmaps \\"py-dup\\" already exists","reason":"AlreadyExists","details":{"name":"py-dup","kind":"configmaps"},"code":409',
      ),
      invalid: status(
        `"message":"Endpoints \\"py-lo\\" is invalid: subsets[0].addresses[0].ip: ${loopback}","reason":"Invalid",` +
          `"details":{"name":"py-lo","kind":"Endpoints","causes":[{"reason":"FieldValueInvalid","message":"${loopback}","field":"subsets[0].addresses[0].ip"}]},"code":422`,
      ),
    });
  });

  it('execs a command, its output apart and its exit code', async () => {
    const seen = await answer([cluster.server.kubeconfig, 'exec', 'default', POD]);
    expect(seen).toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 3 });
  });

  it("forwards a port to the pod's", async () => {
    const seen = await answer([cluster.server.kubeconfig, 'portforward', 'default', POD, String(podPort)]);
    expect(seen).toEqual({ statusLine: expect.stringMatching(/^HTTP\/1\.0 200/), body: BODY });
  });
});
