// The approval subresource of CertificateSigningRequests driven by the real kubectl: a user's
// client certificate request approved with `kubectl certificate approve` and issued by the
// control plane's signer (and usable to log in), another denied with `kubectl certificate deny`,
// the decisions out of reach of /status, as kube-apiserver keeps them, and no request for
// system:masters, as its CertificateSubjectRestriction admission plugin refuses.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:https';
import { join } from 'node:path';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';

interface Conditioned {
  status?: { conditions?: { type: string; status: string; reason?: string }[]; certificate?: string };
}

const CSRS = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const work = mkdtempSync(join(tmpdir(), 'csr-e2e-'));

/** An EC key and a PKCS#10 request for the subject, made with openssl. */
const newRequest = (name: string, subject: string): { keyFile: string; requestPem: string } => {
  const keyFile = join(work, `${name}.key`);
  const requestPem = execFileSync(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-subj',
      subject,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  ).toString();
  return { keyFile, requestPem };
};

const csrManifest = (name: string, requestPem: string): string =>
  JSON.stringify({
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name },
    spec: {
      request: Buffer.from(requestPem).toString('base64'),
      signerName: 'kubernetes.io/kube-apiserver-client',
      expirationSeconds: 3600,
      usages: ['client auth'],
    },
  });

/** A JSON PUT as the admin, answering the status code and the body. */
const put = (server: KubenestServer, path: string, body: unknown) =>
  new Promise<{ code: number; body: any }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'PUT',
        path,
        ca: server.caPem,
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });

describe('CertificateSigningRequest approval with kubectl', () => {
  let server: KubenestServer;
  let kubectl: Kubectl;

  const createCsr = async (name: string, subject: string) => {
    const request = newRequest(name, subject);
    await kubectl.ok(['create', '-f', '-'], { input: csrManifest(name, request.requestPem) });
    return request;
  };
  const getCsr = async (name: string): Promise<Conditioned> =>
    JSON.parse(await kubectl.ok(['get', 'csr', name, '-o', 'json'])) as Conditioned;
  const conditionTypes = (csr: Conditioned) => (csr.status?.conditions ?? []).map((c) => c.type);

  /** A kubeconfig that logs in with the issued client certificate only. */
  const kubeconfigFor = (user: string, certPem: string, keyFile: string): string => {
    const caFile = join(work, 'ca.crt');
    const certFile = join(work, `${user}.crt`);
    writeFileSync(caFile, server.caPem);
    writeFileSync(certFile, certPem);
    const file = join(work, `${user}.kubeconfig`);
    const config = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'kubenest', cluster: { server: server.url, 'certificate-authority': caFile } }],
      users: [{ name: user, user: { 'client-certificate': certFile, 'client-key': keyFile } }],
      contexts: [{ name: user, context: { cluster: 'kubenest', user } }],
      'current-context': user,
    };
    writeFileSync(file, JSON.stringify(config));
    return file;
  };

  beforeAll(async () => {
    server = await startKubenest();
    kubectl = new Kubectl(server.kubeconfig);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('lists certificatesigningrequests/approval in discovery with get, patch and update', async () => {
    const list = JSON.parse(await kubectl.ok(['get', '--raw', '/apis/certificates.k8s.io/v1']));
    const approval = list.resources.find((r: { name: string }) => r.name === 'certificatesigningrequests/approval');
    expect(approval).toMatchObject({ kind: 'CertificateSigningRequest', namespaced: false });
    expect([...approval.verbs].sort()).toEqual(['get', 'patch', 'update']);
  });

  it('approves with `kubectl certificate approve`, then the signer issues a certificate that logs in', async () => {
    const { keyFile } = await createCsr('alice', '/CN=alice/O=dev');
    expect(await kubectl.ok(['certificate', 'approve', 'alice'])).toContain(
      'certificatesigningrequest.certificates.k8s.io/alice approved',
    );
    const issued = await waitFor('alice to be issued', async () => {
      const csr = await getCsr('alice');
      return csr.status?.certificate ? csr : undefined;
    });
    expect(issued.status!.conditions).toEqual([
      expect.objectContaining({ type: 'Approved', status: 'True', reason: 'KubectlApprove' }),
    ]);
    const certPem = Buffer.from(issued.status!.certificate!, 'base64').toString();
    const cert = new X509Certificate(certPem);
    expect(cert.checkIssued(new X509Certificate(server.caPem))).toBe(true);
    expect(cert.subject.split('\n').sort()).toEqual(['CN=alice', 'O=dev']);
    expect(await kubectl.ok(['get', 'csr', 'alice'])).toMatch(
      /alice\s.*kubernetes\.io\/kube-apiserver-client.*Approved,Issued/,
    );

    // The certificate authenticates as alice, who may do nothing yet: the refusal names her.
    const asAlice = await new Kubectl(kubeconfigFor('alice', certPem, keyFile)).run(['get', 'namespaces']);
    expect(asAlice.stderr).toContain('User "alice"');
  });

  it('denies with `kubectl certificate deny`; nothing is issued and approving later is refused', async () => {
    await createCsr('bob', '/CN=bob/O=dev');
    expect(await kubectl.ok(['certificate', 'deny', 'bob'])).toContain(
      'certificatesigningrequest.certificates.k8s.io/bob denied',
    );
    expect(conditionTypes(await getCsr('bob'))).toEqual(['Denied']);
    expect(await kubectl.ok(['get', 'csr', 'bob'])).toMatch(/bob\s.*Denied/);

    // kubectl itself stops at "already Denied"; a client that PUTs /approval anyway is refused.
    expect((await kubectl.run(['certificate', 'approve', 'bob', '--force'])).stderr).toContain('already Denied');
    const both = await getCsr('bob');
    both.status!.conditions!.push({ type: 'Approved', status: 'True', reason: 'Anyway' });
    const file = join(work, 'bob-approval.json');
    writeFileSync(file, JSON.stringify(both));
    const raw = await kubectl.run(['replace', '--raw', `${CSRS}/bob/approval`, '-f', file]);
    expect(raw.code).not.toBe(0);
    expect(raw.stderr).toContain('Approved and Denied conditions are mutually exclusive');
    const bob = await getCsr('bob');
    expect(conditionTypes(bob)).toEqual(['Denied']);
    expect(bob.status?.certificate).toBeUndefined();
  });

  it('refuses to create a request for system:masters from the kube-apiserver-client signer', async () => {
    const { requestPem } = newRequest('eve', '/CN=eve/O=system:masters');
    const created = await kubectl.run(['create', '-f', '-'], { input: csrManifest('eve', requestPem) });
    expect(created.code).not.toBe(0);
    expect(created.stderr).toContain(
      'Error from server (Forbidden): error when creating "STDIN": certificatesigningrequests.certificates.k8s.io "eve" ' +
        'is forbidden: use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed',
    );
  });

  it('refuses an Approved condition written through /status with 422', async () => {
    await createCsr('carol', '/CN=carol');
    const patch = JSON.stringify({ status: { conditions: [{ type: 'Approved', status: 'True', reason: 'Sneaky' }] } });
    const result = await kubectl.run(['patch', 'csr', 'carol', '--subresource=status', '--type=merge', '-p', patch]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('updates may not add a condition of type "Approved"');
    expect(result.stderr).toMatch(/is invalid/);
    const carol = await getCsr('carol');
    carol.status = { conditions: [{ type: 'Denied', status: 'True', reason: 'Sneaky' }] };
    const answer = await put(server, `${CSRS}/carol/status`, carol);
    expect(answer.code).toBe(422);
    expect(answer.body).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422 });
    expect(conditionTypes(await getCsr('carol'))).toEqual([]);
  });

  it('approves with an older kubectl (1.27) too', async () => {
    await createCsr('dave', '/CN=dave');
    await new Kubectl(server.kubeconfig, 27).ok(['certificate', 'approve', 'dave']);
    expect(conditionTypes(await getCsr('dave'))).toContain('Approved');
  });
});
