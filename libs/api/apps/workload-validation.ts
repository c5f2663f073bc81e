// What Deployments and ReplicaSets share: a required, non-empty selector that the pod
// template's labels satisfy, and a template whose pods restart Always.
import { FieldError, forbidden, invalid, notSupported, required } from '@kubenest/apimachinery';
import {
  LabelSelectorSpec,
  validateImmutableField,
  validateLabelSelector,
  validateNonnegativeField,
} from '@kubenest/apimachinery/validation';
import { labelSelectorFromObject } from '@kubenest/apimachinery/selectors';
import { validatePodTemplateSpec } from '../core/pod-spec-validation';
import { PodTemplateSpec } from '../core/types';

export interface WorkloadSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelectorSpec | null;
  template?: PodTemplateSpec;
}

const matchesTemplate = (selector: LabelSelectorSpec, template: PodTemplateSpec): boolean | undefined => {
  try {
    const parsed = labelSelectorFromObject(selector);
    return parsed.empty || parsed.matches((template.metadata?.labels ?? {}) as Record<string, string>);
  } catch {
    return undefined;
  }
};

export const validateWorkloadSpec = (spec: WorkloadSpec | undefined, kind: string): FieldError[] => {
  if (!spec) return [required('spec')];
  const errs: FieldError[] = [];
  errs.push(...validateNonnegativeField(spec.replicas ?? 0, 'spec.replicas'));
  errs.push(...validateNonnegativeField(spec.minReadySeconds ?? 0, 'spec.minReadySeconds'));
  const selector = spec.selector;
  if (!selector) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(selector, 'spec.selector'));
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
      errs.push(invalid('spec.selector', selector, `empty selector is invalid for ${kind}`));
    }
  }
  const template = spec.template;
  if (!template) return [...errs, required('spec.template')];
  if (selector) {
    const matches = matchesTemplate(selector, template);
    if (matches === undefined) errs.push(invalid('spec.selector', selector, 'invalid label selector'));
    else if (!matches)
      errs.push(
        invalid(
          'spec.template.metadata.labels',
          template.metadata?.labels ?? {},
          '`selector` does not match template `labels`',
        ),
      );
  }
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  const restartPolicy = template.spec?.restartPolicy;
  if (restartPolicy && restartPolicy !== 'Always')
    errs.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    // Deployments share the ReplicaSet rule, message included.
    errs.push(
      forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported'),
    );
  }
  return errs;
};

/** apps/v1 selectors may not change once created. */
export const validateSelectorUpdate = (spec: WorkloadSpec | undefined, old: WorkloadSpec | undefined): FieldError[] =>
  validateImmutableField(spec?.selector, old?.selector, 'spec.selector');
