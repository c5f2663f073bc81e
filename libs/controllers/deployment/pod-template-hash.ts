// The pod-template-hash a Deployment's ReplicaSets are named and labelled with, as kube's
// controller.ComputeHash: FNV-1a (32 bits) over the template, then the collision count as 8
// little-endian bytes, the decimal digits of the sum mapped onto kube's safe alphabet. Kube hashes
// Go's printed struct (spew of PodTemplateSpec, whose fields change between releases), which has
// no JSON equivalent; we hash the template's canonical JSON (keys sorted) instead, so names have
// kube's shape and alphabet but not kube's exact value for the same template.
import type { ReplicaSet } from '@kubenest/api/apps/types';

export type PodTemplate = NonNullable<NonNullable<ReplicaSet['spec']>['template']>;

/** apps/v1 DefaultDeploymentUniqueLabelKey. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** k8s.io/apimachinery/pkg/util/rand's alphabet: no vowels, no 0/1/3, so no words and no look-alikes. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export const fnv32a = (bytes: Uint8Array, seed = FNV_OFFSET): number => {
  let hash = seed;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  return hash >>> 0;
};

/** rand.SafeEncodeString: each character replaced by the alphabet's letter at its code modulo the alphabet's size. */
export const safeEncodeString = (text: string): string =>
  [...text].map((c) => SAFE_ALPHABET[c.charCodeAt(0) % SAFE_ALPHABET.length]).join('');

/** JSON with every object's keys sorted, so equal templates give equal text whatever their key order. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

export const computeHash = (template: PodTemplate | undefined, collisionCount?: number): string => {
  let hash = fnv32a(new TextEncoder().encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined) {
    const count = new Uint8Array(8);
    new DataView(count.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(count, hash);
  }
  return safeEncodeString(String(hash));
};

/** Drops what Go's semantic equality does not tell apart from absent: null, {} and []. */
const withoutEmpty = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.length ? value.map(withoutEmpty) : undefined;
  if (value !== null && typeof value === 'object') {
    const kept = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, withoutEmpty(v)] as const)
      .filter(([, v]) => v !== undefined);
    return kept.length ? Object.fromEntries(kept) : undefined;
  }
  return value === null ? undefined : value;
};

const withoutHashLabel = (template: PodTemplate | undefined): unknown => {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  return withoutEmpty(copy);
};

/** deploymentutil.EqualIgnoreHash: the same template once the pod-template-hash label is left out. */
export const equalIgnoreHash = (a: PodTemplate | undefined, b: PodTemplate | undefined): boolean =>
  canonicalJson(withoutHashLabel(a)) === canonicalJson(withoutHashLabel(b));
