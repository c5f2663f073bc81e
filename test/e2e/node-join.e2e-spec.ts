// A node joining as the agent does, with plain HTTPS: a bootstrap token from `npm run
// token:create` (and one made with kubectl), anonymous discovery of cluster-info checked against
// the CA hash, a CSR approved and signed by the control plane, then the issued node identity
// allowed on its own Node and Lease and refused on another node's.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { request } from 'node:https';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { parse } from 'yaml';
import { caPublicKeyHash } from '@kubenest/pki';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';

const repoRoot = join(__dirname, '../..');
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

interface Credentials {
  token?: string;
  certPem?: string;
  keyPem?: string;
}

interface Answer {
  status: number;
  body: any;
}

const call = (server: KubenestServer, method: string, path: string, creds: Credentials = {}, body?: unknown) =>
  new Promise<Answer>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        ca: server.caPem,
        cert: creds.certPem,
        key: creds.keyPem,
        agent: false,
        headers: {
          Accept: 'application/json',
          ...(creds.token ? { Authorization: `Bearer ${creds.token}` } : {}),
          ...(payload !== undefined
            ? { 'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });

const newCsr = async (nodeName: string) => {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    { name: `CN=system:node:${nodeName}, O=system:nodes`, keys, signingAlgorithm: ALGORITHM },
    webcrypto,
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return {
    requestPem: csr.toString('pem'),
    keyPem: `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`,
  };
};

const csrBody = (name: string, requestPem: string) => ({
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name },
  spec: {
    request: Buffer.from(requestPem).toString('base64'),
    signerName: 'kubernetes.io/kube-apiserver-client-kubelet',
    usages: ['digital signature', 'client auth'],
  },
});

const CSRS = '/apis/certificates.k8s.io/v1/certificatesigningrequests';

describe('a node joining with a bootstrap token', () => {
  let server: KubenestServer;
  let token: string;
  let caHash: string;
  let joinLine: string;
  let tokenFileLine: string;

  beforeAll(async () => {
    server = await startKubenest();
    execFileSync('npx', ['swc', 'scripts/token-create.ts', '-d', 'dist', '-q'], { cwd: repoRoot });
    const out = execFileSync(process.execPath, [join(repoRoot, 'dist/scripts/token-create.js'), '--ttl', '1h'], {
      cwd: repoRoot,
      env: { ...process.env, KUBENEST_DATA_DIR: server.dataDir },
    }).toString();
    token = /^token: (\S+)$/m.exec(out)![1];
    caHash = /^ca-cert-hash: (\S+)$/m.exec(out)![1];
    joinLine = out.split('\n').find((l) => l.includes('npm run agent'))!;
    tokenFileLine = out.split('\n').find((l) => l.includes('umask'))!;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('prints a kubeadm-shaped token, the CA hash and the join command, the token in a file', () => {
    expect(token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    expect(caHash).toBe(caPublicKeyHash(server.caPem));
    expect(joinLine.trim()).toBe(
      `npm run agent -- --server ${server.url} --token-file bootstrap-token --ca-cert-hash ${caHash}`,
    );
    expect(tokenFileLine.trim()).toBe(`(umask 077; echo '${token}' > bootstrap-token)`);
  });

  it('serves cluster-info anonymously, with a CA that matches the hash', async () => {
    const res = await call(server, 'GET', '/api/v1/namespaces/kube-public/configmaps/cluster-info');
    expect(res.status).toBe(200);
    const kubeconfig = parse(res.body.data.kubeconfig);
    const cluster = kubeconfig.clusters[0].cluster;
    expect(cluster.server).toBe(server.url);
    const caPem = Buffer.from(cluster['certificate-authority-data'], 'base64').toString();
    expect(caPublicKeyHash(caPem)).toBe(caHash);
  });

  it('refuses anonymous requests for anything else', async () => {
    expect((await call(server, 'GET', '/api/v1/namespaces/kube-public/configmaps')).status).toBe(401);
    expect((await call(server, 'GET', '/api/v1/namespaces/kube-system/configmaps/cluster-info')).status).toBe(401);
    expect((await call(server, 'PUT', '/api/v1/namespaces/kube-public/configmaps/cluster-info', {}, {})).status).toBe(
      403,
    );
  });

  it('refuses a wrong or unknown bootstrap token', async () => {
    const wrong = `${token.split('.')[0]}.0000000000000000`;
    expect((await call(server, 'GET', CSRS, { token: wrong })).status).toBe(401);
    expect((await call(server, 'GET', CSRS, { token: 'zzzzzz.0000000000000000' })).status).toBe(401);
  });

  const joinAs = async (name: string, bearer: string) => {
    const { requestPem, keyPem } = await newCsr(name);
    const created = await call(server, 'POST', CSRS, { token: bearer }, csrBody(`node-csr-${name}`, requestPem));
    expect(created.status).toBe(201);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const got = await call(server, 'GET', `${CSRS}/node-csr-${name}`, { token: bearer });
      expect(got.status).toBe(200);
      if (got.body.status?.certificate) {
        return {
          csr: got.body,
          creds: { certPem: Buffer.from(got.body.status.certificate, 'base64').toString(), keyPem },
        };
      }
      if (Date.now() > deadline) throw new Error(`not signed: ${JSON.stringify(got.body.status)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('approves and signs a node client CSR made with the token; the node then manages its own objects only', async () => {
    const { csr, creds } = await joinAs('w1', token);
    expect(csr.spec.username).toBe(`system:bootstrap:${token.split('.')[0]}`);
    expect(csr.spec.groups).toEqual(expect.arrayContaining(['system:bootstrappers', 'system:authenticated']));
    expect(csr.status.conditions).toEqual([
      expect.objectContaining({ type: 'Approved', status: 'True', reason: 'AutoApproved' }),
    ]);

    const node = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
    expect((await call(server, 'POST', '/api/v1/nodes', creds, node('w1'))).status).toBe(201);
    const status = await call(server, 'PATCH', '/api/v1/nodes/w1/status', creds, {
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    expect(status.status).toBe(200);

    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'w1' },
      spec: { holderIdentity: 'w1', leaseDurationSeconds: 40 },
    };
    const leases = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';
    expect((await call(server, 'POST', leases, creds, lease)).status).toBe(201);
    expect(
      (await call(server, 'PATCH', `${leases}/w1`, creds, { spec: { renewTime: '2025-01-01T00:00:00.000000Z' } }))
        .status,
    ).toBe(200);

    const other = await call(server, 'POST', '/api/v1/nodes', creds, node('w2'));
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('node "w1" is not allowed to modify node "w2"');
    expect((await call(server, 'POST', '/api/v1/nodes', { token: server.token }, node('w2'))).status).toBe(201);
    const patchOther = await call(server, 'PATCH', '/api/v1/nodes/w2/status', creds, { status: {} });
    expect(patchOther.status).toBe(403);
    expect((await call(server, 'POST', leases, creds, { ...lease, metadata: { name: 'w2' } })).status).toBe(403);
    expect((await call(server, 'GET', '/api/v1/namespaces/kube-system/secrets', creds)).status).toBe(403);
    expect((await call(server, 'GET', '/api/v1/nodes', creds)).status).toBe(200);

    // Pods: a node writes the status of its own pods only, and cannot delete another node's.
    const pods = '/api/v1/namespaces/default/pods';
    const pod = (name: string, nodeName: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { nodeName, containers: [{ name: 'c', image: 'busybox' }] },
    });
    for (const [name, nodeName] of [
      ['on-w1', 'w1'],
      ['on-w2', 'w2'],
    ]) {
      expect((await call(server, 'POST', pods, { token: server.token }, pod(name, nodeName))).status).toBe(201);
    }
    const running = { status: { phase: 'Running' } };
    expect((await call(server, 'PATCH', `${pods}/on-w1/status`, creds, running)).status).toBe(200);
    const foreignStatus = await call(server, 'PATCH', `${pods}/on-w2/status`, creds, running);
    expect(foreignStatus.status).toBe(403);
    expect(foreignStatus.body.kind).toBe('Status');
    expect((await call(server, 'DELETE', `${pods}/on-w2`, creds)).status).toBe(403);
    expect((await call(server, 'GET', `${pods}/on-w2`, { token: server.token })).body.status.phase).toBe('Pending');
  });

  it('works the same with a token secret created by kubectl', async () => {
    const kubectl = new Kubectl(server.kubeconfig);
    await kubectl.ok([
      'create',
      'secret',
      'generic',
      'bootstrap-token-k8stok',
      '-n',
      'kube-system',
      '--type',
      'bootstrap.kubernetes.io/token',
      '--from-literal=token-id=k8stok',
      '--from-literal=token-secret=0123456789abcdef',
      '--from-literal=usage-bootstrap-authentication=true',
      '--from-literal=auth-extra-groups=system:bootstrappers:kubeadm:default-node-token',
    ]);
    const { creds } = await joinAs('w3', 'k8stok.0123456789abcdef');
    const me = await call(server, 'POST', '/api/v1/nodes', creds, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'w3' },
    });
    expect(me.status).toBe(201);
    const { requestPem } = await newCsr('admin-made');
    await kubectl.ok(['create', '-f', '-'], { input: JSON.stringify(csrBody('by-kubectl', requestPem)) });
    expect(await kubectl.ok(['get', 'csr', 'by-kubectl', '-o', 'jsonpath={.spec.username}'])).toBe('kubenest-admin');
    const csrs = await kubectl.ok(['get', 'csr']);
    expect(csrs).toMatch(
      /node-csr-w3\s+\S+\s+kubernetes.io\/kube-apiserver-client-kubelet\s+system:bootstrap:k8stok\s+<none>\s+Approved,Issued/,
    );
  });
});
