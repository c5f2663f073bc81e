// How many pods a rolling update may add above and take below the desired count, as kube's
// intstr.GetScaledValueFromIntOrPercent and deploymentutil.ResolveFenceposts: a percentage of
// the replicas, maxSurge rounded up, maxUnavailable rounded down, and both zero read as one
// unavailable so that a rollout can always move.
import type { Deployment } from '@kubenest/api/apps/types';
import type { IntOrString } from '@kubenest/api/common/kube-types';

const PERCENT = /^(\d+)%$/;

/** An int as is, a percent of total rounded up or down; anything else is an error, as in kube. */
export const scaledValue = (value: IntOrString | undefined, total: number, roundUp: boolean): number => {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const match = PERCENT.exec(value);
  if (!match) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
};

export const isRollingUpdate = (d: Deployment): boolean => d.spec?.strategy?.type === 'RollingUpdate';

export const replicasOf = (d: Deployment): number => d.spec?.replicas ?? 1;

/** [surge, unavailable] for the desired count. */
export const resolveFenceposts = (
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): [number, number] => {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  const unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  return surge === 0 && unavailable === 0 ? [0, 1] : [surge, unavailable];
};

const fenceposts = (d: Deployment): [number, number] => {
  const rolling = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, replicasOf(d));
};

/** deploymentutil.MaxSurge: 0 unless rolling. */
export const maxSurge = (d: Deployment): number => (isRollingUpdate(d) ? fenceposts(d)[0] : 0);

/** deploymentutil.MaxUnavailable: 0 unless rolling with replicas, never more than the replicas. */
export const maxUnavailable = (d: Deployment): number => {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d)[1], replicas);
};
