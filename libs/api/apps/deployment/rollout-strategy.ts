// The rollout strategy of a Deployment: RollingUpdate 25%/25% by default, or Recreate.
import { FieldError, forbidden, invalid, notSupported, required } from '@kubenest/apimachinery';
import { regexError, validateNonnegativeField } from '@kubenest/apimachinery/validation';
import { IntOrString } from '../../common/kube-types';
import { Deployment } from '../types';

type DeploymentSpec = NonNullable<Deployment['spec']>;

const strategyTypes = ['Recreate', 'RollingUpdate'];

export const defaultDeploymentStrategy = (spec: DeploymentSpec): void => {
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.maxUnavailable ??= '25%';
    rolling.maxSurge ??= '25%';
  }
};

const percent = (value: IntOrString | undefined): number | undefined =>
  typeof value === 'string' && /^[0-9]+%$/.test(value) ? Number(value.slice(0, -1)) : undefined;

const validateIntOrPercent = (value: IntOrString | undefined, path: string): FieldError[] => {
  if (typeof value === 'string') {
    return percent(value) === undefined
      ? [
          invalid(
            path,
            value,
            regexError(
              "a valid percent string must be a numeric string followed by an ending '%'",
              '[0-9]+%',
              '1%',
              '93%',
            ),
          ),
        ]
      : [];
  }
  return typeof value === 'number' ? validateNonnegativeField(value, path) : [];
};

const isZero = (value: IntOrString | undefined): boolean => value === 0 || percent(value) === 0;

export const validateDeploymentStrategy = (spec: DeploymentSpec): FieldError[] => {
  const strategy = spec.strategy ?? {};
  const path = 'spec.strategy';
  switch (strategy.type) {
    case 'Recreate':
      return strategy.rollingUpdate
        ? [forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")]
        : [];
    case 'RollingUpdate': {
      const rolling = strategy.rollingUpdate;
      if (!rolling) return [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
      const at = `${path}.rollingUpdate`;
      const errs = [
        ...validateIntOrPercent(rolling.maxUnavailable, `${at}.maxUnavailable`),
        ...validateIntOrPercent(rolling.maxSurge, `${at}.maxSurge`),
      ];
      if (isZero(rolling.maxUnavailable) && isZero(rolling.maxSurge)) {
        errs.push(invalid(`${at}.maxUnavailable`, rolling.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
      }
      if ((percent(rolling.maxUnavailable) ?? 0) > 100)
        errs.push(invalid(`${at}.maxUnavailable`, rolling.maxUnavailable, 'must not be greater than 100%'));
      return errs;
    }
    default:
      return [notSupported(path, strategy, strategyTypes)];
  }
};
