// Kubeconfig files for the cluster's users.
export { adminKubeconfigPath, buildKubeconfig, KUBECONFIG_NAME, writeAdminKubeconfig } from './admin-kubeconfig';
export type { KubeconfigCredentials } from './admin-kubeconfig';
