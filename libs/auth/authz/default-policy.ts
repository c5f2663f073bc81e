// The grants every cluster has before any RBAC object exists, as kube-apiserver's bootstrap
// policy and kubeadm's join roles give them: discovery for authenticated users, CSRs for
// bootstrap tokens, the cluster-info ConfigMap for anonymous discovery, and what
// kube-controller-manager and its loops need (controller-policy.ts).
import { ANONYMOUS_USER, SYSTEM_AUTHENTICATED } from '../authn/user-info';
import { BOOTSTRAPPERS_GROUP } from '../authn/bootstrap-token';
import { controllerPolicy } from './controller-policy';
import { PolicyBinding } from './policy-rule';

export const CLUSTER_INFO_NAMESPACE = 'kube-public';
export const CLUSTER_INFO_NAME = 'cluster-info';

export const defaultPolicy: readonly PolicyBinding[] = [
  // system:discovery and system:public-info-viewer
  {
    groups: [SYSTEM_AUTHENTICATED],
    rules: [
      {
        verbs: ['get'],
        nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/openapi/*', '/version', '/version/*'],
      },
    ],
  },
  // system:node-bootstrapper (kubeadm binds it to system:bootstrappers:kubeadm:default-node-token)
  {
    groups: [BOOTSTRAPPERS_GROUP],
    rules: [
      {
        verbs: ['create', 'get', 'list', 'watch'],
        apiGroups: ['certificates.k8s.io'],
        resources: ['certificatesigningrequests'],
      },
    ],
  },
  // kubeadm:bootstrap-signer-clusterinfo
  {
    users: [ANONYMOUS_USER],
    rules: [
      {
        verbs: ['get'],
        apiGroups: [''],
        resources: ['configmaps'],
        resourceNames: [CLUSTER_INFO_NAME],
        namespaces: [CLUSTER_INFO_NAMESPACE],
      },
    ],
  },
  ...controllerPolicy,
];
