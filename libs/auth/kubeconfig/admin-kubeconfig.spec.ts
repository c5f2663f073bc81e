import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildKubeconfig, writeAdminKubeconfig } from './admin-kubeconfig';

const credentials = {
  server: 'https://127.0.0.1:6443',
  caPem: '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n',
  clientCertPem: '-----BEGIN CERTIFICATE-----\nADMIN\n-----END CERTIFICATE-----\n',
  clientKeyPem: '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n',
};
const decode = (data: string) => Buffer.from(data, 'base64').toString('utf8');

describe('buildKubeconfig', () => {
  it('names cluster, user and context kubenest, embeds the credentials and selects the context', () => {
    const config = parse(buildKubeconfig(credentials));
    expect(config).toMatchObject({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'kubenest',
      contexts: [{ name: 'kubenest', context: { cluster: 'kubenest', user: 'kubenest' } }],
    });
    expect(config.clusters).toHaveLength(1);
    expect(config.clusters[0].name).toBe('kubenest');
    expect(config.clusters[0].cluster.server).toBe('https://127.0.0.1:6443');
    expect(decode(config.clusters[0].cluster['certificate-authority-data'])).toBe(credentials.caPem);
    expect(config.users[0].name).toBe('kubenest');
    expect(decode(config.users[0].user['client-certificate-data'])).toBe(credentials.clientCertPem);
    expect(decode(config.users[0].user['client-key-data'])).toBe(credentials.clientKeyPem);
  });
});

describe('writeAdminKubeconfig', () => {
  it('writes the file with mode 0600, replacing an older one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubenest-kubeconfig-'));
    try {
      const path = join(dir, 'nested', 'admin.kubeconfig');
      await writeAdminKubeconfig(path, { ...credentials, server: 'https://127.0.0.1:1' });
      await writeAdminKubeconfig(path, credentials);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(parse(await readFile(path, 'utf8')).clusters[0].cluster.server).toBe('https://127.0.0.1:6443');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
