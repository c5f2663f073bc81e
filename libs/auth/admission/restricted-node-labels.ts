// The labels a node may not set on its own Node, as kube's NodeRestriction refuses them: any in the
// kubernetes.io or k8s.io namespaces (node-role.kubernetes.io/* among them) but those kubelet sets
// itself (k8s.io/kubelet's well-known labels), and any under node-restriction.kubernetes.io, which
// exists so that admins can label nodes with what workloads may trust.
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
]);
const KUBELET_LABEL_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];
const NODE_RESTRICTION_NAMESPACE = 'node-restriction.kubernetes.io';

const labelNamespace = (key: string): string => (key.includes('/') ? key.slice(0, key.indexOf('/')) : '');

/** The namespace itself or any of its subdomains. */
const within = (namespace: string, domain: string): boolean => namespace === domain || namespace.endsWith(`.${domain}`);

const isKubeletLabel = (key: string): boolean =>
  KUBELET_LABELS.has(key) || KUBELET_LABEL_NAMESPACES.some((domain) => within(labelNamespace(key), domain));

const isRestricted = (key: string): boolean => {
  const namespace = labelNamespace(key);
  if (within(namespace, NODE_RESTRICTION_NAMESPACE)) return true;
  const isKubernetesLabel = within(namespace, 'kubernetes.io') || within(namespace, 'k8s.io');
  return isKubernetesLabel && !isKubeletLabel(key);
};

/** The restricted keys added, changed or removed between two label sets, sorted as kube lists them. */
export const restrictedLabelChanges = (
  labels: Record<string, string> = {},
  old: Record<string, string> = {},
): string[] => {
  const changed = new Set<string>();
  for (const [a, b] of [
    [labels, old],
    [old, labels],
  ]) {
    for (const [key, value] of Object.entries(a)) if (!Object.hasOwn(b, key) || b[key] !== value) changed.add(key);
  }
  return [...changed].filter(isRestricted).sort();
};
