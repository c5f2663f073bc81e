// The resources a fuzz run writes to, each with a valid object to mutate and the lists a strategic
// merge patch merges by key. Names come from a small pool, so that most requests meet an object.
import { Json } from './mutate';
import { Random } from './random';

export const fuzzNamespace = 'fuzz';

export interface FuzzTarget {
  /** The collection's path, e.g. /api/v1/namespaces/fuzz/configmaps. */
  collection: string;
  apiVersion: string;
  kind: string;
  valid: (name: string) => Json;
  /** Lists strategic merge patch merges, as paths from the object's root (a key is the last step). */
  mergedLists: { path: string[]; key?: string }[];
}

const labels = { app: 'fuzz', tier: 'a' };

const podSpec = (name: string): Json => ({
  containers: [
    {
      name,
      image: 'busybox',
      command: ['sleep', '1'],
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      env: [{ name: 'A', value: '1' }],
    },
  ],
  volumes: [{ name: 'v', emptyDir: {} }],
});

const core = (resource: string) => `/api/v1/namespaces/${fuzzNamespace}/${resource}`;

export const targets: FuzzTarget[] = [
  {
    collection: core('configmaps'),
    apiVersion: 'v1',
    kind: 'ConfigMap',
    valid: (name) => ({ metadata: { name, labels, finalizers: ['example.com/a'] }, data: { a: '1', b: 'x' } }),
    mergedLists: [{ path: ['metadata', 'finalizers'] }],
  },
  {
    collection: core('secrets'),
    apiVersion: 'v1',
    kind: 'Secret',
    valid: (name) => ({ metadata: { name, labels }, type: 'Opaque', data: { a: 'eA==' } }),
    mergedLists: [],
  },
  {
    collection: core('pods'),
    apiVersion: 'v1',
    kind: 'Pod',
    valid: (name) => ({ metadata: { name, labels }, spec: podSpec('c') }),
    mergedLists: [
      { path: ['spec', 'containers'], key: 'name' },
      { path: ['spec', 'volumes'], key: 'name' },
    ],
  },
  {
    collection: core('services'),
    apiVersion: 'v1',
    kind: 'Service',
    valid: (name) => ({
      metadata: { name, labels },
      spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] },
    }),
    mergedLists: [{ path: ['spec', 'ports'], key: 'port' }],
  },
  {
    collection: `/apis/apps/v1/namespaces/${fuzzNamespace}/deployments`,
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    valid: (name) => ({
      metadata: { name, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: podSpec('web') },
      },
    }),
    mergedLists: [{ path: ['spec', 'template', 'spec', 'containers'], key: 'name' }],
  },
  {
    collection: `/apis/coordination.k8s.io/v1/namespaces/${fuzzNamespace}/leases`,
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    valid: (name) => ({
      metadata: { name, labels },
      spec: { holderIdentity: 'fuzz', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:00.000000Z' },
    }),
    mergedLists: [],
  },
  {
    collection: core('serviceaccounts'),
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    valid: (name) => ({ metadata: { name, labels }, secrets: [{ name: 'x' }], imagePullSecrets: [{ name: 'y' }] }),
    mergedLists: [{ path: ['secrets'], key: 'name' }],
  },
];

export const namePool = ['fuzz-a', 'fuzz-b', 'fuzz-c'];

/** Mostly a pool name; now and then one no object has or may have (percent-encoded, as it goes in a path). */
export const fuzzName = (r: Random): string =>
  r.chance(0.9)
    ? r.pick(namePool)
    : r.pick([
        'Upper',
        'a'.repeat(254),
        '..',
        '-a',
        'a_b',
        '%2F',
        '%00',
        '%C3%BC',
        '%E0%A4%A',
        'x'.repeat(r.size(5000)),
      ]);

/** A valid object of the target, with its type meta. */
export const validObject = (target: FuzzTarget, name: string): Json => ({
  apiVersion: target.apiVersion,
  kind: target.kind,
  ...(target.valid(name) as Record<string, Json>),
});
