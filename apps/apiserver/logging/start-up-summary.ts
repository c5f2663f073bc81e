// What `npm start` prints once serving: where the kubeconfig and the admin token file are, the
// URL, the local node and the database; never a credential itself.
import type { ControlPlane } from '../control-plane';

export const startUpSummary = (plane: Omit<ControlPlane, 'close' | 'registry'>): string =>
  [
    `Kubenest is serving on ${plane.url}`,
    `  kubeconfig   ${plane.kubeconfigPath}`,
    `               export KUBECONFIG=${plane.kubeconfigPath}; kubectl get namespaces`,
    `  admin token  ${plane.adminTokenPath} (a bearer token, e.g. for the Swagger console at ${plane.url}/docs)`,
    ...(plane.nodeName ? [`  node         ${plane.nodeName} (the local agent)`] : []),
    `  database     ${plane.database}`,
    '',
  ].join('\n');
