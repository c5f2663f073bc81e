import { createCertificateAuthority } from '@kubenest/pki/certificate-authority';
import { caPublicKeyHash } from '@kubenest/pki/ca-public-key-hash';
import { stringify } from 'yaml';
import { StatusError } from '@kubenest/apimachinery';
import { signClusterInfo } from './cluster-info-signature';
import { ClusterInfoConfigMap, discoverClusterCa } from './discover-cluster-ca.step';
import { JoinError } from './join-error';

const server = 'https://10.0.0.1:6443';
const token = { id: 'abcdef', secret: '0123456789abcdef' };

describe('discoverClusterCa', () => {
  let caPem: string;
  let otherCaPem: string;
  let kubeconfig: string;
  beforeAll(async () => {
    caPem = (await createCertificateAuthority()).certPem;
    otherCaPem = (await createCertificateAuthority()).certPem;
    kubeconfig = stringify({
      clusters: [
        { name: '', cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } },
      ],
    });
  });

  const discover = (answer: () => ClusterInfoConfigMap | Error) =>
    discoverClusterCa({
      getClusterInfo: async () => {
        const a = answer();
        if (a instanceof Error) throw a;
        return a;
      },
    });

  it('trusts the CA whose public key matches the pin', async () => {
    const found = await discover(() => ({ data: { kubeconfig } }))(server, token, caPublicKeyHash(caPem));
    expect(found).toEqual({ caPem, advertisedServer: server });
  });

  it('accepts cluster-info signed with the token, as kubeadm signs it', async () => {
    const data = { kubeconfig, [`jws-kubeconfig-${token.id}`]: signClusterInfo(kubeconfig, token) };
    await expect(discover(() => ({ data }))(server, token, caPublicKeyHash(caPem))).resolves.toMatchObject({ caPem });
  });

  it('names both hashes when the CA does not match', async () => {
    const pinned = caPublicKeyHash(otherCaPem);
    await expect(discover(() => ({ data: { kubeconfig } }))(server, token, pinned)).rejects.toThrow(
      new JoinError(
        `the control plane's CA does not match --ca-cert-hash: expected ${pinned}, the CA at ${server} has ${caPublicKeyHash(caPem)}`,
      ),
    );
  });

  it.each([
    {
      name: 'signed with another secret',
      data: () => ({
        kubeconfig,
        'jws-kubeconfig-abcdef': signClusterInfo(kubeconfig, { ...token, secret: 'ffffffffffffffff' }),
      }),
      error: /not signed with this token's secret/,
    },
    {
      name: 'signed for other token ids only',
      data: () => ({ kubeconfig, 'jws-kubeconfig-zzzzzz': signClusterInfo(kubeconfig, { ...token, id: 'zzzzzz' }) }),
      error: /no signature for token id "abcdef"/,
    },
    { name: 'without a kubeconfig', data: () => ({}), error: /holds no kubeconfig/ },
    {
      name: 'with a kubeconfig without a CA',
      data: () => ({ kubeconfig: 'clusters: [{cluster: {server: x}}]' }),
      error: /no certificate-authority-data/,
    },
    {
      name: 'with a CA that does not parse',
      data: () => ({ kubeconfig: 'clusters: [{cluster: {certificate-authority-data: Zm9v}}]' }),
      error: /does not parse/,
    },
    {
      name: 'with a kubeconfig that does not parse',
      data: () => ({ kubeconfig: '{{{' }),
      error: /kubeconfig that does not parse/,
    },
  ])('refuses cluster-info $name', async ({ data, error }) => {
    await expect(discover(() => ({ data: data() }))(server, token, caPublicKeyHash(caPem))).rejects.toThrow(error);
  });

  it.each([
    { name: '404', error: new StatusError(404, 'NotFound', 'not found'), message: /has no cluster-info ConfigMap/ },
    { name: '403', error: new StatusError(403, 'Forbidden', 'no'), message: /does not let anonymous clients read/ },
  ])('explains $name', async ({ error, message }) => {
    const failure = discover(() => error)(server, token, caPublicKeyHash(caPem));
    await expect(failure).rejects.toBeInstanceOf(JoinError);
    await expect(failure).rejects.toThrow(message);
  });

  it('says which control plane it cannot reach, as an error the join retries', async () => {
    const failure = discover(() => new Error('connect ECONNREFUSED'))(server, token, caPublicKeyHash(caPem));
    await expect(failure).rejects.toThrow(/cannot reach the control plane at .*ECONNREFUSED/);
    await expect(failure).rejects.not.toBeInstanceOf(JoinError);
  });
});
