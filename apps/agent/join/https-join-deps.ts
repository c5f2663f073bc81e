// The join steps wired to real HTTPS clients: an unverified anonymous one for cluster-info only,
// then one that trusts just the pinned CA and carries the bootstrap token.
import { HttpsResourceClient, resources } from '@kubenest/client';
import { agentClient } from '../agent-client';
import { CertificateSigningRequest } from './certificate-signing-request';
import { ClusterInfoConfigMap, discoverClusterCa } from './discover-cluster-ca.step';
import { JoinDeps } from './join-node';
import { requestNodeCertificate } from './request-node-certificate.step';

const withClient = async <T>(client: HttpsResourceClient, use: (c: HttpsResourceClient) => Promise<T>): Promise<T> => {
  try {
    return await use(client);
  } finally {
    client.close();
  }
};

export const httpsJoinDeps = (server: string): JoinDeps => ({
  discover: (_server, token, caCertHash) =>
    // Unverified on purpose: what it reads is checked against the token and the CA hash before any trust.
    withClient(agentClient({ server, insecureSkipTlsVerify: true, maxSockets: 1 }), (client) =>
      discoverClusterCa({
        getClusterInfo: async () =>
          (await client.resource(resources.configMaps).get('kube-public', 'cluster-info')) as ClusterInfoConfigMap,
      })(server, token, caCertHash),
    ),
  requestCertificate: (csrPem, caPem, token) =>
    withClient(agentClient({ server, caPem, bearerToken: token, maxSockets: 1 }), (client) => {
      const csrs = client.resource<CertificateSigningRequest>(resources.certificateSigningRequests);
      return requestNodeCertificate({
        createCsr: (csr) => csrs.create(csr),
        getCsr: (name) => csrs.get(undefined, name),
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        now: Date.now,
      })(csrPem, { server });
    }),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
});
