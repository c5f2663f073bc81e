// Real TLS between Node's https server and client with the cluster PKI and cipher policy, as the
// apiserver serves it.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { connect, ConnectionOptions } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticateClientCertificate } from '../authn/client-certificate-authenticator';
import {
  CertificateAndKey,
  createCertificateAuthority,
  issueCertificateAndKey,
  signClientCertificate,
  tlsServerPolicy,
} from '@kubenest/pki';
import { ClusterPki, ensureClusterPki } from './cluster-pki';
import { generateKeyPair, exportPrivateKeyPem } from '@kubenest/pki/key-pair';

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
        ...tlsServerPolicy,
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

  /** The protocol and suite agreed with a client offering only what `options` allow, or why not. */
  const handshake = (options: ConnectionOptions) =>
    new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, ca: pki.ca.certPem, ...options }, () => {
        resolve(`${socket.getProtocol()} ${socket.getCipher().name}`);
        socket.destroy();
      });
      socket.on('error', () => resolve('refused'));
    });

  it.each([
    ['a CBC suite with SHA-1', 'ECDHE-ECDSA-AES128-SHA'],
    ['a CBC suite with SHA-384', 'ECDHE-ECDSA-AES256-SHA384'],
    ['CCM', 'ECDHE-ECDSA-AES128-CCM'],
    ['ARIA', 'ECDHE-ECDSA-ARIA128-GCM-SHA256'],
  ])('refuses TLS 1.2 with only %s', async (_, ciphers) => {
    expect(await handshake({ ciphers, maxVersion: 'TLSv1.2' })).toBe('refused');
  });

  it.each(['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305'])(
    'agrees on TLS 1.2 with %s',
    async (ciphers) => {
      expect(await handshake({ ciphers, maxVersion: 'TLSv1.2' })).toBe(`TLSv1.2 ${ciphers}`);
    },
  );

  it.each([
    ['TLS_AES_128_GCM_SHA256', 'TLSv1.3 TLS_AES_128_GCM_SHA256'],
    ['TLS_AES_256_GCM_SHA384', 'TLSv1.3 TLS_AES_256_GCM_SHA384'],
    ['TLS_CHACHA20_POLY1305_SHA256', 'TLSv1.3 TLS_CHACHA20_POLY1305_SHA256'],
    ['TLS_AES_128_CCM_SHA256', 'refused'],
    ['TLS_AES_128_CCM_8_SHA256', 'refused'],
  ])('in TLS 1.3, with only %s: %s', async (ciphers, agreed) => {
    expect(await handshake({ ciphers, minVersion: 'TLSv1.3' })).toBe(agreed);
  });

  it('refuses a TLS 1.2 client asking to renegotiate, as Go never renegotiates', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, ca: pki.ca.certPem, maxVersion: 'TLSv1.2' }, () => {
        socket.renegotiate({}, (error) => {
          resolve(error ? 'refused' : 'renegotiated');
          socket.destroy();
        });
      });
      socket.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });
});
