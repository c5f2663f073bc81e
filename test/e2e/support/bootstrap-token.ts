// A kubeadm-style bootstrap token Secret, as a manifest for `kubectl apply -f -`.
import { bootstrapTokenSecret, parseBootstrapToken } from '@kubenest/auth';

export const bootstrapTokenManifest = (token: string): string =>
  JSON.stringify(
    bootstrapTokenSecret(parseBootstrapToken(token)!, { groups: ['system:bootstrappers:kubeadm:default-node-token'] }),
  );
