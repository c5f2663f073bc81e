// The join steps wired to real HTTPS clients: an unverified anonymous one for cluster-info only,
// then one that trusts just the pinned CA and carries the bootstrap token.
import { HttpsApiClient } from '../client/https-api-client';
import { CertificateSigningRequest } from './certificate-signing-request';
import { discoverClusterCa } from './discover-cluster-ca.step';
import { JoinDeps } from './join-node';
import { requestNodeCertificate } from './request-node-certificate.step';

const CLUSTER_INFO_PATH = '/api/v1/namespaces/kube-public/configmaps/cluster-info';
const CSR_PATH = '/apis/certificates.k8s.io/v1/certificatesigningrequests';

const withClient = async <T>(client: HttpsApiClient, use: (c: HttpsApiClient) => Promise<T>): Promise<T> => {
  try {
    return await use(client);
  } finally {
    client.close();
  }
};

export const httpsJoinDeps = (server: string): JoinDeps => ({
  discover: (_server, token, caCertHash) =>
    withClient(new HttpsApiClient({ server, maxSockets: 1 }), (client) =>
      discoverClusterCa({ getClusterInfo: () => client.request({ method: 'GET', path: CLUSTER_INFO_PATH }) })(
        server,
        token,
        caCertHash,
      ),
    ),
  requestCertificate: (csrPem, caPem, token) =>
    withClient(new HttpsApiClient({ server, caPem, bearerToken: token, maxSockets: 1 }), (client) =>
      requestNodeCertificate({
        createCsr: (csr) => client.request<CertificateSigningRequest>({ method: 'POST', path: CSR_PATH, body: csr }),
        getCsr: (name) => client.request<CertificateSigningRequest>({ method: 'GET', path: `${CSR_PATH}/${name}` }),
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        now: Date.now,
      })(csrPem, { server }),
    ),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
});
