// The Progressing condition of a paused (and then resumed) Deployment, as kube's
// checkPausedConditions: Unknown/DeploymentPaused while paused, Unknown/DeploymentResumed once
// resumed, so that the time spent paused never counts against the progress deadline; a rollout
// already reported as timed out keeps saying so.
import type { Deployment } from '@kubenest/api/apps/types';
import {
  getCondition,
  hasProgressDeadline,
  newCondition,
  PROGRESSING,
  reasons,
  setCondition,
} from './deployment-conditions';

/** Sets the condition the pause state calls for; answers whether the status changed. */
export const setPausedCondition = (d: Deployment, now: Date): boolean => {
  if (!hasProgressDeadline(d)) return false;
  const current = getCondition(d.status, PROGRESSING);
  if (current?.reason === reasons.progressDeadlineExceeded) return false;
  const pausedShown = current?.reason === reasons.deploymentPaused;
  const paused = !!d.spec?.paused;
  if (paused === pausedShown) return false;
  d.status ??= {};
  setCondition(
    d.status,
    paused
      ? newCondition(PROGRESSING, 'Unknown', reasons.deploymentPaused, 'Deployment is paused', now)
      : newCondition(PROGRESSING, 'Unknown', reasons.deploymentResumed, 'Deployment is resumed', now),
  );
  return true;
};
