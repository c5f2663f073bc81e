// The downward API's fields (fieldRef) and resources (resourceFieldRef), for env vars and the
// downwardAPI volume, as kubelet resolves them; a pod in the host network has the node's IP.
import { parseQuantity } from '@kubenest/apimachinery/quantity';
import type { Container, NodeFacts, Pod } from '../pod-types';

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.+)'\]$/;

/** metadata.labels/annotations as a whole (volumes only) are `key="value"` lines, sorted by key. */
const formatMap = (map: Record<string, string> | undefined): string =>
  Object.keys(map ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(map![k])}`)
    .join('\n');

/** The value of fieldPath, or undefined for a path the downward API does not offer. */
export function fieldRefValue(pod: Pod, fieldPath: string, node: NodeFacts): string | undefined {
  const sub = SUBSCRIPT.exec(fieldPath);
  if (sub) return (sub[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[sub[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'metadata.labels':
      return formatMap(pod.metadata.labels);
    case 'metadata.annotations':
      return formatMap(pod.metadata.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? node.name;
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
    case 'status.hostIP':
    case 'status.podIPs':
    case 'status.hostIPs':
      return node.hostIP;
    default:
      return undefined;
  }
}

const NANO = 1_000_000_000n;

/** resource (limits.cpu, requests.memory, ...) in units of divisor, rounded up as kubelet does. */
export function resourceFieldRefValue(
  container: Container | undefined,
  resource: string,
  divisor: string | number | undefined,
  node: NodeFacts,
): string | undefined {
  const [kind, name] = resource.split('.', 2) as ['limits' | 'requests', string];
  if ((kind !== 'limits' && kind !== 'requests') || !name) return undefined;
  // As kubelet: an unset limit reads as the node's allocatable, an unset request as 0.
  const fallback = kind === 'limits' ? (node.allocatable as Record<string, string>)[name] : '0';
  const value = container?.resources?.[kind]?.[name] ?? fallback;
  if (value === undefined) return undefined;
  const unit = parseQuantity(divisor ?? '1').nanos || NANO;
  // Rounded up to whole divisors, as kubelet converts them.
  return String((parseQuantity(value).nanos + unit - 1n) / unit);
}
