// A PriorityClass's own checks, as kube-apiserver's scheduling validation makes them: the "system-"
// names belong to the two system classes (with their exact values), a user's class stays at or
// below one billion, and value and preemptionPolicy never change.
import { FieldError, forbidden, notSupported, required } from '@kubenest/apimachinery';
import { validateImmutableField } from '@kubenest/apimachinery/validation';
import type { PriorityClass } from '../types';
import {
  HIGHEST_USER_DEFINABLE_PRIORITY,
  systemPriorityClasses,
  SYSTEM_PRIORITY_CLASS_PREFIX,
} from './system-priority-classes';

const preemptionPolicies = ['PreemptLowerPriority', 'Never'];

/** Why a "system-" name is refused, or undefined when it is one of the system classes as defined. */
const systemClassProblem = (pc: PriorityClass): string | undefined => {
  const name = pc.metadata.name ?? '';
  const known = systemPriorityClasses().find((s) => s.metadata.name === name);
  if (!known) return `${name} is not a known system priority class`;
  if (known.value !== pc.value) return `value of ${name} PriorityClass must be ${known.value}`;
  if (!!known.globalDefault !== !!pc.globalDefault) {
    return `globalDefault of ${name} PriorityClass must be ${!!known.globalDefault}`;
  }
  return undefined;
};

export const validatePriorityClass = (pc: PriorityClass): FieldError[] => {
  const errs: FieldError[] = [];
  if ((pc.metadata.name ?? '').startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const problem = systemClassProblem(pc);
    if (problem) {
      errs.push(
        forbidden(
          'metadata.name',
          `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${problem}`,
        ),
      );
    }
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(
      forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`),
    );
  }
  const policy = pc.preemptionPolicy as string | undefined;
  if (policy === '') errs.push(required('preemptionPolicy'));
  else if (policy !== undefined && !preemptionPolicies.includes(policy)) {
    errs.push(notSupported('preemptionPolicy', policy, preemptionPolicies));
  }
  return errs;
};

export const validatePriorityClassUpdate = (pc: PriorityClass, old: PriorityClass): FieldError[] => [
  ...(pc.value !== old.value ? [forbidden('value', 'may not be changed in an update.')] : []),
  ...validateImmutableField(pc.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy'),
];
