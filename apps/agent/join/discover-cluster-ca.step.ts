// Token discovery, as `kubeadm join --discovery-token-ca-cert-hash` does it: read the public
// cluster-info ConfigMap without trusting the server, check it is signed with our token (when the
// control plane signs it) and that its CA matches the pinned hash; only then trust that CA.
import { parse } from 'yaml';
import { caPublicKeyHash } from '@kubenest/pki/ca-public-key-hash';
import { isStatus } from '../util/status-code';
import { BootstrapToken } from './bootstrap-token';
import { checkClusterInfoSignature } from './cluster-info-signature';
import { JoinError } from './join-error';

export interface ClusterInfoConfigMap {
  data?: Record<string, string>;
}

export interface DiscoveredCluster {
  caPem: string;
  /** The server cluster-info advertises (the agent keeps using --server). */
  advertisedServer?: string;
}

export interface DiscoverDeps {
  /** GET /api/v1/namespaces/kube-public/configmaps/cluster-info, anonymous, unverified TLS. */
  getClusterInfo: () => Promise<ClusterInfoConfigMap>;
}

interface KubeconfigCluster {
  server?: string;
  'certificate-authority-data'?: string;
}

interface ClusterInfoKubeconfig {
  clusters?: { cluster?: KubeconfigCluster }[];
}

export const discoverClusterCa =
  (deps: DiscoverDeps) =>
  async (server: string, token: BootstrapToken, caCertHash: string): Promise<DiscoveredCluster> => {
    const configMap = await fetchClusterInfo(deps, server);
    const data = configMap.data ?? {};
    switch (checkClusterInfoSignature(data, token)) {
      case 'invalid':
        throw new JoinError(
          `cluster-info at ${server} is not signed with this token's secret: the token is wrong (check --token)`,
        );
      case 'unsigned-for-token':
        throw new JoinError(
          `cluster-info at ${server} has no signature for token id "${token.id}": the token is unknown or expired (check --token)`,
        );
      default:
        break;
    }
    const cluster = parseKubeconfig(data.kubeconfig, server);
    const caData = cluster?.['certificate-authority-data'];
    if (!caData) throw new JoinError(`cluster-info at ${server} holds no certificate-authority-data`);
    const caPem = Buffer.from(caData, 'base64').toString('utf8');
    let actual: string;
    try {
      actual = caPublicKeyHash(caPem);
    } catch {
      throw new JoinError(`cluster-info at ${server} holds a CA certificate that does not parse`);
    }
    if (actual !== caCertHash) {
      throw new JoinError(
        `the control plane's CA does not match --ca-cert-hash: expected ${caCertHash}, the CA at ${server} has ${actual}`,
      );
    }
    return { caPem, advertisedServer: cluster?.server };
  };

async function fetchClusterInfo(deps: DiscoverDeps, server: string): Promise<ClusterInfoConfigMap> {
  try {
    return await deps.getClusterInfo();
  } catch (e) {
    if (isStatus(e, 404)) {
      throw new JoinError(`${server} has no cluster-info ConfigMap in kube-public: is it a kubenest control plane?`);
    }
    if (isStatus(e, 401) || isStatus(e, 403)) {
      throw new JoinError(`${server} does not let anonymous clients read kube-public/cluster-info (${e.code})`);
    }
    if (isStatus(e)) throw e;
    // Not a JoinError: the join tries again (see retry-transient.ts).
    throw new Error(`cannot reach the control plane at ${server}: ${(e as Error).message}`);
  }
}

function parseKubeconfig(text: string | undefined, server: string): KubeconfigCluster | undefined {
  if (!text) throw new JoinError(`cluster-info at ${server} holds no kubeconfig`);
  try {
    return (parse(text) as ClusterInfoKubeconfig | null)?.clusters?.[0]?.cluster;
  } catch {
    throw new JoinError(`cluster-info at ${server} holds a kubeconfig that does not parse`);
  }
}
