import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAdminToken } from './admin-token';
import { caPublicKeyHash } from '@kubenest/pki';
import { ensureClusterPki } from './cluster-pki';
import * as x509 from '@kubenest/pki/x509';

describe('ensureClusterPki', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kubenest-pki-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const files = ['ca.crt', 'ca.key', 'apiserver.crt', 'apiserver.key', 'admin.crt', 'admin.key'];
  const modeOf = async (name: string) => (await stat(join(dataDir, 'pki', name))).mode & 0o777;

  it('creates the CA, serving and admin certificates, keys readable by the owner only', async () => {
    await ensureClusterPki(dataDir);
    const modes = Object.fromEntries(await Promise.all(files.map(async (f) => [f, await modeOf(f)])));
    expect(modes).toEqual({
      'ca.crt': 0o644,
      'ca.key': 0o600,
      'apiserver.crt': 0o644,
      'apiserver.key': 0o600,
      'admin.crt': 0o644,
      'admin.key': 0o600,
    });
  });

  it('reuses everything on a second start', async () => {
    const first = await ensureClusterPki(dataDir);
    const second = await ensureClusterPki(dataDir);
    expect(second).toEqual(first);
    expect(await readFile(join(dataDir, 'pki', 'ca.crt'), 'utf8')).toBe(first.ca.certPem);
  });

  it('issues a CA that can sign', async () => {
    const { ca } = await ensureClusterPki(dataDir);
    const cert = new X509Certificate(ca.certPem);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toBe('CN=kubenest-ca');
    expect(cert.checkPrivateKey(createPrivateKey(ca.keyPem))).toBe(true);
  });

  it('gives the serving certificate the loopback addresses, localhost and the host name', async () => {
    const { ca, serving } = await ensureClusterPki(dataDir, { extraHosts: ['10.1.2.3', '0.0.0.0', 'api.example'] });
    const cert = new X509Certificate(serving.certPem);
    const sans = cert.subjectAltName!.split(', ');
    expect(sans).toEqual(
      expect.arrayContaining([
        'DNS:localhost',
        `DNS:${hostname().toLowerCase()}`,
        'DNS:kubernetes.default.svc',
        'DNS:api.example',
        'IP Address:127.0.0.1',
        'IP Address:0:0:0:0:0:0:0:1',
        'IP Address:10.1.2.3',
      ]),
    );
    expect(sans).not.toContain('IP Address:0.0.0.0');
    expect(cert.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    expect(extendedUsages(serving.certPem)).toEqual([x509.ExtendedKeyUsage.serverAuth]);
  });

  it('gives the admin certificate CN kubenest-admin and O system:masters, for client auth', async () => {
    const { ca, admin } = await ensureClusterPki(dataDir);
    const cert = new X509Certificate(admin.certPem);
    expect(cert.subject.split('\n').sort()).toEqual(['CN=kubenest-admin', 'O=system:masters']);
    expect(cert.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(extendedUsages(admin.certPem)).toEqual([x509.ExtendedKeyUsage.clientAuth]);
  });

  it('re-issues only the serving certificate when a new name is asked for', async () => {
    const first = await ensureClusterPki(dataDir);
    const second = await ensureClusterPki(dataDir, { extraHosts: ['192.168.7.7'] });
    expect(second.ca).toEqual(first.ca);
    expect(second.admin).toEqual(first.admin);
    expect(second.serving.certPem).not.toBe(first.serving.certPem);
    expect(new X509Certificate(second.serving.certPem).checkIP('192.168.7.7')).toBe('192.168.7.7');
  });

  it('re-issues a leaf whose key went missing', async () => {
    const first = await ensureClusterPki(dataDir);
    await unlink(join(dataDir, 'pki', 'admin.key'));
    const second = await ensureClusterPki(dataDir);
    expect(second.admin.keyPem).not.toBe(first.admin.keyPem);
    expect(second.serving).toEqual(first.serving);
  });

  it('re-issues every leaf under a new CA', async () => {
    const first = await ensureClusterPki(dataDir);
    await unlink(join(dataDir, 'pki', 'ca.key'));
    const second = await ensureClusterPki(dataDir);
    expect(second.ca.certPem).not.toBe(first.ca.certPem);
    const newCa = new X509Certificate(second.ca.certPem);
    expect(new X509Certificate(second.serving.certPem).checkIssued(newCa)).toBe(true);
    expect(new X509Certificate(second.admin.certPem).checkIssued(newCa)).toBe(true);
  });

  it('re-issues a certificate that does not parse', async () => {
    const first = await ensureClusterPki(dataDir);
    await writeFile(join(dataDir, 'pki', 'apiserver.crt'), 'garbage');
    const second = await ensureClusterPki(dataDir);
    expect(second.serving.certPem).not.toBe(first.serving.certPem);
  });
});

describe('caPublicKeyHash', () => {
  it('is sha256: and the hex digest of the CA SubjectPublicKeyInfo, as kubeadm pins it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kubenest-pki-'));
    try {
      const { ca } = await ensureClusterPki(dataDir);
      const spki = Buffer.from(new x509.X509Certificate(ca.certPem).publicKey.rawData);
      const hash = caPublicKeyHash(ca.certPem);
      expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(hash).toBe(`sha256:${createHash('sha256').update(spki).digest('hex')}`);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('ensureAdminToken', () => {
  it('creates a random token once and reuses it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kubenest-token-'));
    try {
      const token = await ensureAdminToken(dataDir);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await ensureAdminToken(dataDir)).toBe(token);
      expect((await stat(join(dataDir, 'admin.token'))).mode & 0o777).toBe(0o600);
      expect(await ensureAdminToken(await mkdtemp(join(dataDir, 'other-')))).not.toBe(token);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

function extendedUsages(certPem: string): string[] {
  const ext = new x509.X509Certificate(certPem).getExtension(x509.ExtendedKeyUsageExtension);
  return (ext?.usages ?? []).map(String);
}
