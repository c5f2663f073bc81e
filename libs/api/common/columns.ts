// Column helpers shared by every resource's Table output.
import { Column, KubeObject } from '@kubenest/apimachinery';
import { timeSince } from './human-duration';

const creationTimestampDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.';

/** AGE: time since creation, as every kube printer renders it. */
export const ageColumn: Column<KubeObject> = {
  name: 'Age',
  type: 'string',
  description: creationTimestampDescription,
  cell: (obj, now) => timeSince(obj.metadata.creationTimestamp as string | undefined, now),
};

/** A string column; priority 1 shows it only with -o wide. */
export const column = <T extends KubeObject>(
  name: string,
  cell: Column<T>['cell'],
  options: { type?: Column<T>['type']; priority?: number; description?: string } = {},
): Column<T> => ({
  name,
  type: options.type ?? 'string',
  priority: options.priority ?? 0,
  description: options.description ?? '',
  cell,
});

/** labels.FormatLabels: "k=v,k2=v2" sorted by key, "<none>" when empty. */
export const formatLabels = (labels: Record<string, string> | null | undefined): string => {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
};

/** The CONTAINERS and IMAGES cells of workload printers: names and images joined by commas. */
export const containerCells = (
  containers: Array<{ name: string; image?: string }> | undefined,
): { names: string; images: string } => ({
  names: (containers ?? []).map((c) => c.name).join(','),
  images: (containers ?? []).map((c) => c.image ?? '').join(','),
});
