// The rule a KUBENEST_CONTROLLERS list must follow: every word `*`, a controller kube-controller-manager
// knows by name or alias, or such a name after `-`.
import { ValidateBy, ValidationOptions } from 'class-validator';
import { ControllerSelection } from '@kubenest/controllers';

const isControllerList = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    ControllerSelection.parse(value);
    return true;
  } catch {
    return false;
  }
};

export const IsControllerList = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({ name: 'isControllerList', validator: { validate: isControllerList } }, options);
