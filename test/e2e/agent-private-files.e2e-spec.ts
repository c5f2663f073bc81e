// What an agent keeps of its pods on disk (secret volumes, logs) is not for other local users,
// even when its data directory was made beforehand open to all (systemd's StateDirectory= makes
// it 0755): as kubelet keeps /var/lib/kubelet/pods 0750. Read as user nobody.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caPublicKeyHash } from '@kubenest/pki/ca-public-key-hash';
import { Kubectl } from '@kubenest/testing/kubectl';
import { waitFor } from '@kubenest/testing/wait';
import { KubenestProcess, launchKubenest } from './resilience-support/kubenest-process';
import { AgentProcess, startAgentProcess, stopAgentAndPods } from './support/agent-process';
import { bootstrapTokenManifest } from './support/bootstrap-token';

jest.setTimeout(180_000);

const TOKEN = 'e2eprv.0123456789abcdef';
const NODE = 'e2e-private-node';
const SECRET_VALUE = 'not-for-other-users';

/** The file as user nobody reads it: its text, or the error's code. */
const readAsNobody = (path: string): string => {
  const script = `try { process.stdout.write(require('fs').readFileSync(${JSON.stringify(path)}, 'utf8')) }
    catch (e) { process.stdout.write(e.code) }`;
  return spawnSync(process.execPath, ['-e', script], { uid: 65534, gid: 65534, cwd: '/', encoding: 'utf8' }).stdout;
};

/** Every file below dir. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

describe("an agent's pod files", () => {
  let server: KubenestProcess;
  let kubectl: Kubectl;
  let agent: AgentProcess;
  const root = mkdtempSync(join(tmpdir(), 'kubenest-private-'));
  const dataDir = join(root, 'agent');

  beforeAll(async () => {
    // Reachable by others down to the data directory, which is open to all as a service manager makes it.
    chmodSync(root, 0o755);
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    server = await launchKubenest();
    kubectl = new Kubectl(server.kubeconfig);
    await kubectl.ok(['apply', '-f', '-'], { input: bootstrapTokenManifest(TOKEN) });
    await kubectl.ok(['create', 'secret', 'generic', 'private', `--from-literal=password=${SECRET_VALUE}`]);
    const tokenFile = join(root, 'token');
    writeFileSync(tokenFile, TOKEN, { mode: 0o600 });
    agent = startAgentProcess([
      ...['--server', server.url, '--name', NODE, '--data-dir', dataDir],
      ...['--token-file', tokenFile, '--ca-cert-hash', caPublicKeyHash(server.caPem)],
    ]);
  });

  afterAll(async () => {
    await stopAgentAndPods(agent, dataDir);
    await server?.destroy();
    rmSync(root, { recursive: true, force: true });
  });

  it('are out of reach of other local users: secret volumes, logs', async () => {
    await kubectl.ok(['create', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'holder' },
        spec: {
          nodeName: NODE,
          containers: [
            {
              name: 'main',
              image: 'busybox',
              command: ['sh', '-c', `echo ${SECRET_VALUE}; sleep 3600`],
              volumeMounts: [{ name: 'private', mountPath: '/private' }],
            },
          ],
          volumes: [{ name: 'private', secret: { secretName: 'private' } }],
        },
      }),
    });
    const podsDir = join(dataDir, 'pods');
    const written = await waitFor(
      'the secret volume and the log written',
      () => {
        const files = filesUnder(podsDir).filter((f) => readFileSync(f, 'utf8').includes(SECRET_VALUE));
        return files.length >= 2 ? files : undefined;
      },
      60_000,
      300,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\nagent: ${agent.output()}`);
    });
    expect(written.map((f) => readAsNobody(f))).toEqual(written.map(() => 'EACCES'));
    expect(statSync(podsDir).mode & 0o777).toBe(0o700);
  });
});
