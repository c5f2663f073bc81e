// What a pod update may change: container images, activeDeadlineSeconds (shorter only),
// tolerations (additions only) and a negative grace period set to 1; nothing else of the spec.
import { isDeepStrictEqual } from 'node:util';
import { FieldError, forbidden, invalid } from '@kubenest/apimachinery';
import { inclusiveRangeError } from '@kubenest/apimachinery/validation';
import { Pod, PodSpec } from '../types';

const maxInt32 = 2147483647;

const updatableFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',');

const validateActiveDeadline = (spec: PodSpec, old: PodSpec): FieldError[] => {
  const path = 'spec.activeDeadlineSeconds';
  const value = spec.activeDeadlineSeconds;
  if (value === undefined) {
    return old.activeDeadlineSeconds === undefined
      ? []
      : [invalid(path, null, 'must not update from a positive integer to nil value')];
  }
  if (value < 0 || value > maxInt32) return [invalid(path, value, inclusiveRangeError(0, maxInt32))];
  if (old.activeDeadlineSeconds !== undefined && old.activeDeadlineSeconds < value) {
    return [invalid(path, value, 'must be less than or equal to previous value')];
  }
  return [];
};

// Existing tolerations stay as they were, except that tolerationSeconds may change.
const validateTolerationsAdded = (spec: PodSpec, old: PodSpec): FieldError[] => {
  const current = spec.tolerations ?? [];
  return (old.tolerations ?? []).flatMap((t, i) => {
    const { tolerationSeconds: _s, ...rest } = t;
    const kept = current.some((n) => {
      const { tolerationSeconds: _n, ...other } = n;
      return isDeepStrictEqual(other, rest);
    });
    return kept
      ? []
      : [forbidden(`spec.tolerations[${i}]`, 'existing toleration can not be modified except its tolerationSeconds')];
  });
};

/** The new spec with every field an update may change taken from the old one. */
const mungedSpec = (spec: PodSpec, old: PodSpec): PodSpec => {
  const munged: PodSpec = structuredClone(spec);
  const takeImages = (list: PodSpec['containers'] | undefined, from: PodSpec['containers'] | undefined): void =>
    list?.forEach((c, i) => {
      if (from?.[i]) c.image = from[i].image;
    });
  takeImages(munged.containers, old.containers);
  takeImages(munged.initContainers, old.initContainers);
  munged.activeDeadlineSeconds = old.activeDeadlineSeconds;
  munged.tolerations = old.tolerations;
  munged.schedulingGates = old.schedulingGates;
  const oldGrace = old.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = oldGrace;
  return munged;
};

const withoutUndefined = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

// A short account of what differs, in place of the Go struct diff kube-apiserver appends.
const specDiff = (old: PodSpec, munged: PodSpec): string => {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(munged)])].sort();
  return keys
    .filter(
      (k) =>
        !isDeepStrictEqual(withoutUndefined(old[k as keyof PodSpec]), withoutUndefined(munged[k as keyof PodSpec])),
    )
    .map(
      (k) =>
        `  ${k}: ${JSON.stringify(old[k as keyof PodSpec] ?? null)} -> ${JSON.stringify(munged[k as keyof PodSpec] ?? null)}`,
    )
    .join('\n');
};

export const validatePodSpecUpdate = (pod: Pod, old: Pod): FieldError[] => {
  const spec = pod.spec ?? { containers: [] };
  const oldSpec = old.spec ?? { containers: [] };
  const errs = [...validateActiveDeadline(spec, oldSpec), ...validateTolerationsAdded(spec, oldSpec)];
  if (isDeepStrictEqual(withoutUndefined(spec), withoutUndefined(oldSpec))) return errs;
  const munged = mungedSpec(spec, oldSpec);
  if (!isDeepStrictEqual(withoutUndefined(munged), withoutUndefined(oldSpec))) {
    errs.push(
      forbidden(
        'spec',
        `pod updates may not change fields other than ${updatableFields}\n${specDiff(oldSpec, munged)}`,
      ),
    );
  }
  return errs;
};
