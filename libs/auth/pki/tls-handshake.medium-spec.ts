// Real TLS between Node's https server and client with the cluster PKI, as the apiserver will serve it.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticateClientCertificate } from '../authn/client-certificate-authenticator';
import { createCertificateAuthority, CertificateAndKey } from './certificate-authority';
import { ClusterPki, ensureClusterPki } from './cluster-pki';
import { issueCertificateAndKey } from './issue-certificate';
import { generateKeyPair, exportPrivateKeyPem } from './key-pair';
import { signClientCertificate } from './sign-client-certificate';

describe('TLS with the cluster PKI', () => {
  let dataDir: string;
  let pki: ClusterPki;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kubenest-tls-'));
    pki = await ensureClusterPki(dataDir);
    server = createServer(
      {
        key: pki.serving.keyPem,
        cert: pki.serving.certPem,
        ca: pki.ca.certPem,
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(authenticateClientCertificate({ headers: req.headers, socket: req.socket })));
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '::', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  const get = (host: string, options: { client?: CertificateAndKey; ca?: string } = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const req = request(
        {
          host,
          port,
          path: '/',
          ca: options.ca ?? pki.ca.certPem,
          cert: options.client?.certPem,
          key: options.client?.keyPem,
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve(JSON.parse(body)));
        },
      );
      req.on('error', reject);
      req.end();
    });

  it.each(['127.0.0.1', 'localhost', '::1'])('authenticates the admin certificate over %s', async (host) => {
    expect(await get(host, { client: pki.admin })).toEqual({
      user: { name: 'kubenest-admin', groups: ['system:masters'] },
    });
  });

  it('sees no credentials when the client sends no certificate', async () => {
    expect(await get('127.0.0.1')).toBeNull();
  });

  it('reads every O of a signed client certificate as a group', async () => {
    const keys = await generateKeyPair();
    const certPem = await signClientCertificate(pki.ca, keys.publicKey, {
      commonName: 'system:node:w1',
      organizations: ['system:nodes', 'team-a'],
    });
    const client = { certPem, keyPem: await exportPrivateKeyPem(keys.privateKey) };
    expect(await get('127.0.0.1', { client })).toEqual({
      user: { name: 'system:node:w1', groups: ['system:nodes', 'team-a'] },
    });
  });

  it('rejects a client certificate from another CA', async () => {
    const otherCa = await createCertificateAuthority('intruder-ca');
    const client = await issueCertificateAndKey(otherCa, {
      commonName: 'kubenest-admin',
      organizations: ['system:masters'],
      usages: ['client'],
      days: 1,
    });
    expect(await get('127.0.0.1', { client })).toEqual({ error: expect.stringMatching(/^x509: /) });
  });

  it('is refused by a client that trusts another CA', async () => {
    const otherCa = await createCertificateAuthority('other-ca');
    await expect(get('127.0.0.1', { ca: otherCa.certPem })).rejects.toThrow(/self.signed|unable to verify|issuer/i);
  });
});
