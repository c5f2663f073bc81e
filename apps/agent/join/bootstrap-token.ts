// A bootstrap token, `<id>.<secret>` as kubeadm makes them: the id names the kube-system secret
// bootstrap-token-<id>, the secret signs cluster-info and authenticates the joining agent.

export interface BootstrapToken {
  id: string;
  secret: string;
}

export const splitBootstrapToken = (token: string): BootstrapToken => {
  const [id, secret] = token.split('.');
  return { id, secret };
};
