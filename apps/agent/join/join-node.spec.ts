import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, CertificateAuthority } from '@kubenest/pki/certificate-authority';
import { signClientCertificate } from '@kubenest/pki/sign-client-certificate';
import { parse } from 'yaml';
import { StatusError } from '@kubenest/apimachinery';
import { JoinError } from './join-error';
import { JoinDeps, joinNode } from './join-node';
import { clientKeyPath, kubeconfigPath, readNodeCredentials } from './node-credentials';

const server = 'https://10.0.0.1:6443';
const token = 'abcdef.0123456789abcdef';
const hash = `sha256:${'0'.repeat(64)}`;

describe('joinNode', () => {
  let ca: CertificateAuthority;
  let dir: string;
  let csrs: string[];
  let sleeps: number[];
  let deps: JoinDeps;
  beforeAll(async () => {
    ca = await createCertificateAuthority();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-join-'));
    csrs = [];
    sleeps = [];
    deps = {
      discover: async () => ({ caPem: ca.certPem }),
      requestCertificate: async (csrPem) => {
        csrs.push(csrPem);
        return signClientCertificate(ca, csrPem, { commonName: 'system:node:w1', organizations: ['system:nodes'] });
      },
      sleep: async (ms) => void sleeps.push(ms),
    };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const settings = () => ({ server, nodeName: 'w1', dir, token, caCertHash: hash });

  it('joins once, stores the identity 0600, and reuses it on the next start', async () => {
    const first = await joinNode(deps)(settings());
    expect(first.joined).toBe(true);
    expect(new X509Certificate(first.credentials.certPem).subject.split('\n').sort()).toEqual([
      'CN=system:node:w1',
      'O=system:nodes',
    ]);
    expect((await stat(kubeconfigPath(dir))).mode & 0o777).toBe(0o600);
    expect((await stat(clientKeyPath(dir))).mode & 0o777).toBe(0o600);
    const kubeconfig = parse(await readFile(kubeconfigPath(dir), 'utf8'));
    expect(kubeconfig['current-context']).toBe('system:node:w1');
    expect(kubeconfig.clusters[0].cluster.server).toBe(server);

    const second = await joinNode(deps)({ ...settings(), token: undefined, caCertHash: undefined });
    expect(second).toEqual({ joined: false, credentials: first.credentials });
    expect(csrs).toHaveLength(1);
  });

  it('asks for a node certificate of this node name', async () => {
    await joinNode(deps)(settings());
    expect(csrs[0]).toContain('BEGIN CERTIFICATE REQUEST');
  });

  it.each([
    { name: 'a token', change: { token: undefined }, error: /^--token is required to join/ },
    { name: 'a CA hash', change: { caCertHash: undefined }, error: /^--ca-cert-hash is required to join/ },
  ])('needs $name when there is no stored identity', async ({ change, error }) => {
    await expect(joinNode(deps)({ ...settings(), ...change })).rejects.toThrow(error);
  });

  it('joins again when the stored identity is for another node', async () => {
    await joinNode(deps)(settings());
    expect(await readNodeCredentials(dir, 'w2')).toBeUndefined();
    expect(await readNodeCredentials(dir, 'w1')).toBeDefined();
  });

  it('keeps trying while the control plane cannot answer, with growing waits', async () => {
    const failures = [new Error('connect ECONNREFUSED'), new StatusError(503, 'ServiceUnavailable', 'starting')];
    const discover = deps.discover;
    deps.discover = async (...args) => {
      const failure = failures.shift();
      if (failure) throw failure;
      return discover(...args);
    };
    const request = deps.requestCertificate;
    let timeouts = 2;
    deps.requestCertificate = async (...args) => {
      if (timeouts-- > 0) throw new Error('POST /apis/...: no answer in time');
      return request(...args);
    };
    await expect(joinNode(deps)(settings())).resolves.toMatchObject({ joined: true });
    expect(sleeps).toEqual([1000, 2000, 1000, 2000]);
  });

  it.each([
    { name: 'a JoinError', error: new JoinError('the token is wrong') },
    { name: 'a refusal', error: new StatusError(422, 'Invalid', 'bad CSR') },
  ])('stops at $name', async ({ error }) => {
    deps.requestCertificate = async () => {
      throw error;
    };
    await expect(joinNode(deps)(settings())).rejects.toBe(error);
    expect(sleeps).toEqual([]);
  });
});
