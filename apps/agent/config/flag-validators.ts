// class-validator rules for the agent's flags beyond the built-in ones: label maps and taints as
// the Kubernetes API validates them, and positive resource quantities.
import { ValidateBy, ValidationOptions } from 'class-validator';
import { isQualifiedName, isValidLabelValue } from '@kubenest/apimachinery/validation';
import { isPositiveQuantity, Taint } from './flag-parsers';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

const isLabelMap = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.entries(value).every(
    ([k, v]) => isQualifiedName(k).length === 0 && typeof v === 'string' && isValidLabelValue(v).length === 0,
  );

const isTaintList = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.every(
    (t: Taint) =>
      isQualifiedName(t.key).length === 0 &&
      isValidLabelValue(t.value ?? '').length === 0 &&
      TAINT_EFFECTS.includes(t.effect),
  );

const rule =
  (name: string, validate: (value: unknown) => boolean) =>
  (options?: ValidationOptions): PropertyDecorator =>
    ValidateBy({ name, validator: { validate } }, options);

export const IsLabelMap = rule('isLabelMap', isLabelMap);
export const IsTaintList = rule('isTaintList', isTaintList);
export const IsPositiveQuantity = rule('isPositiveQuantity', isPositiveQuantity);
