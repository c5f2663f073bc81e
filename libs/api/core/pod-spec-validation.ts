// A pod spec as kube-apiserver validates it, in pods and in pod templates alike.
import { duplicate, FieldError, forbidden, invalid, notSupported, required } from '@kubenest/apimachinery';
import {
  inclusiveRangeError,
  isDNS1123Label,
  isDNS1123Subdomain,
  validateAnnotations,
  validateLabels,
  validateNonnegativeField,
} from '@kubenest/apimachinery/validation';
import { validateContainer } from './container-validation';
import { volumeSourceCount } from './pod-spec-defaults';
import { PodSpec, PodTemplateSpec } from './types';

const restartPolicies = ['Always', 'OnFailure', 'Never'];
const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const tolerationOperators = ['Equal', 'Exists'];
const taintEffects = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
const maxInt32 = 2147483647;

const validateRestartPolicy = (policy: string | undefined, path: string): FieldError[] => {
  if (!policy) return [required(path)];
  return restartPolicies.includes(policy) ? [] : [notSupported(path, policy, restartPolicies)];
};

const validateVolumes = (volumes: NonNullable<PodSpec['volumes']>, path: string): FieldError[] => {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const at = `${path}[${i}]`;
    if (!v.name) errs.push(required(`${at}.name`));
    else {
      const msgs = isDNS1123Label(v.name);
      if (msgs.length) errs.push(...msgs.map((m) => invalid(`${at}.name`, v.name, m)));
      else if (names.has(v.name)) errs.push(duplicate(`${at}.name`, v.name));
      names.add(v.name);
    }
    const sources = volumeSourceCount(v);
    if (sources === 0) errs.push(required(at, 'must specify a volume type'));
    if (sources > 1) errs.push(forbidden(at, 'may not specify more than 1 volume type'));
  });
  return errs;
};

const validateTolerations = (tolerations: NonNullable<PodSpec['tolerations']>, path: string): FieldError[] =>
  tolerations.flatMap((t, i) => {
    const at = `${path}[${i}]`;
    const errs: FieldError[] = [];
    if (t.operator && !tolerationOperators.includes(t.operator))
      errs.push(notSupported(`${at}.operator`, t.operator, tolerationOperators));
    if (t.operator === 'Exists' && t.value)
      errs.push(invalid(`${at}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
    if (!t.key && t.operator !== 'Exists')
      errs.push(
        invalid(
          `${at}.operator`,
          t.operator ?? '',
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    if (t.effect && !taintEffects.includes(t.effect)) errs.push(notSupported(`${at}.effect`, t.effect, taintEffects));
    return errs;
  });

const validateDNSName = (value: string | undefined, path: string, check: (v: string) => string[]): FieldError[] =>
  value ? check(value).map((m) => invalid(path, value, m)) : [];

export const validatePodSpec = (spec: PodSpec | undefined, path: string): FieldError[] => {
  if (!spec) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  errs.push(...validateVolumes(spec.volumes ?? [], `${path}.volumes`));
  (spec.initContainers ?? []).forEach((c, i) =>
    errs.push(...validateContainer(c, `${path}.initContainers[${i}]`, names)),
  );
  if (!spec.containers?.length) errs.push(required(`${path}.containers`));
  (spec.containers ?? []).forEach((c, i) => errs.push(...validateContainer(c, `${path}.containers[${i}]`, names)));
  errs.push(...validateRestartPolicy(spec.restartPolicy, `${path}.restartPolicy`));
  if (!spec.dnsPolicy) errs.push(required(`${path}.dnsPolicy`));
  else if (!dnsPolicies.includes(spec.dnsPolicy))
    errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, dnsPolicies));
  errs.push(...validateLabels(spec.nodeSelector as Record<string, string> | undefined, `${path}.nodeSelector`));
  errs.push(...validateDNSName(spec.serviceAccountName, `${path}.serviceAccountName`, isDNS1123Subdomain));
  errs.push(...validateDNSName(spec.nodeName, `${path}.nodeName`, isDNS1123Subdomain));
  errs.push(...validateDNSName(spec.hostname, `${path}.hostname`, isDNS1123Label));
  errs.push(...validateDNSName(spec.subdomain, `${path}.subdomain`, isDNS1123Label));
  if (
    spec.activeDeadlineSeconds !== undefined &&
    (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > maxInt32)
  ) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, inclusiveRangeError(1, maxInt32)));
  }
  if (spec.terminationGracePeriodSeconds !== undefined) {
    errs.push(...validateNonnegativeField(spec.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`));
  }
  errs.push(...validateTolerations(spec.tolerations ?? [], `${path}.tolerations`));
  return errs;
};

/** A pod template: its metadata's labels and annotations, then its spec. */
export const validatePodTemplateSpec = (template: PodTemplateSpec | undefined, path: string): FieldError[] => {
  if (!template) return [required(path)];
  const meta = template.metadata ?? {};
  return [
    ...validateLabels(meta.labels as Record<string, string> | undefined, `${path}.metadata.labels`),
    ...validateAnnotations(meta.annotations as Record<string, string> | undefined, `${path}.metadata.annotations`),
    ...validatePodSpec(template.spec, `${path}.spec`),
  ];
};
