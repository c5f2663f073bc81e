// PodTopologySpreadArgs (kubescheduler.config.k8s.io/v1): the constraints given to pods that
// have none. defaultingType System (the default) spreads by kube's built-in pair; List takes
// defaultConstraints, which may not carry selectors (each pod's is worked out from the
// Services and controllers selecting it).
import { LABEL_HOSTNAME, LABEL_ZONE, TopologySpreadConstraint } from './constraints';

export interface PodTopologySpreadArgs {
  defaultConstraints: TopologySpreadConstraint[];
  /** True for defaultingType System, where nodes without a zone label still spread by hostname. */
  systemDefaulted: boolean;
}

export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

const ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];

const constraintErrors = (constraints: readonly TopologySpreadConstraint[]): string[] => {
  const errors: string[] = [];
  const seen = new Set<string>();
  constraints.forEach((c, i) => {
    const path = `defaultConstraints[${i}]`;
    if (!Number.isInteger(c.maxSkew) || c.maxSkew <= 0)
      errors.push(`${path}.maxSkew: Invalid value: ${JSON.stringify(c.maxSkew)}: must be greater than zero`);
    if (!c.topologyKey) errors.push(`${path}.topologyKey: Required value: can not be empty`);
    if (!ACTIONS.includes(c.whenUnsatisfiable))
      errors.push(
        `${path}.whenUnsatisfiable: Unsupported value: ${JSON.stringify(c.whenUnsatisfiable)}: supported values: "DoNotSchedule", "ScheduleAnyway"`,
      );
    if (c.labelSelector)
      errors.push(
        `${path}.labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod`,
      );
    const pair = `{${c.topologyKey}, ${c.whenUnsatisfiable}}`;
    if (seen.has(pair)) errors.push(`${path}: Duplicate value: "${pair}"`);
    seen.add(pair);
  });
  return errors;
};

export const podTopologySpreadArgs = (raw: Record<string, unknown> | undefined): PodTopologySpreadArgs => {
  const defaultingType = raw?.defaultingType ?? 'System';
  const given = (raw?.defaultConstraints ?? []) as TopologySpreadConstraint[];
  const errors: string[] = [];
  if (defaultingType !== 'System' && defaultingType !== 'List')
    errors.push(
      `defaultingType: Unsupported value: ${JSON.stringify(defaultingType)}: supported values: "List", "System"`,
    );
  if (!Array.isArray(given)) errors.push('defaultConstraints: Invalid value: must be a list');
  else if (defaultingType === 'System' && given.length)
    errors.push(
      'defaultConstraints: Invalid value: when .defaultingType is "System", .defaultConstraints must be empty',
    );
  else errors.push(...constraintErrors(given));
  if (errors.length) throw new Error(errors.join(', '));
  return defaultingType === 'System'
    ? { defaultConstraints: [...SYSTEM_DEFAULT_CONSTRAINTS], systemDefaulted: true }
    : { defaultConstraints: given, systemDefaulted: false };
};
