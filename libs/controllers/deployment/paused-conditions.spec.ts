import type { Deployment } from '@kubenest/api/apps/types';
import { deployment } from './deployment.testing';
import { getCondition } from './deployment-conditions';
import { setPausedCondition } from './paused-conditions';

const NOW = new Date('2026-01-01T00:00:00Z');

const withProgressing = (paused: boolean, reason?: string, deadline = 600): Deployment => {
  const d = deployment({ paused, progressDeadlineSeconds: deadline });
  if (reason) d.status = { conditions: [{ type: 'Progressing', status: 'True', reason, message: 'm' }] };
  return d;
};

describe('setPausedCondition', () => {
  it.each([
    {
      name: 'paused: DeploymentPaused',
      d: withProgressing(true, 'ReplicaSetUpdated'),
      changed: true,
      want: { status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' },
    },
    {
      name: 'paused, already said',
      d: withProgressing(true, 'DeploymentPaused'),
      changed: false,
      want: { reason: 'DeploymentPaused' },
    },
    {
      name: 'resumed: DeploymentResumed',
      d: withProgressing(false, 'DeploymentPaused'),
      changed: true,
      want: { status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' },
    },
    {
      name: 'not paused, never was',
      d: withProgressing(false, 'ReplicaSetUpdated'),
      changed: false,
      want: { reason: 'ReplicaSetUpdated' },
    },
    {
      name: 'timed out: kept',
      d: withProgressing(true, 'ProgressDeadlineExceeded'),
      changed: false,
      want: { reason: 'ProgressDeadlineExceeded' },
    },
    {
      name: 'paused with no condition yet',
      d: withProgressing(true),
      changed: true,
      want: { reason: 'DeploymentPaused' },
    },
  ])('$name', ({ d, changed, want }) => {
    expect(setPausedCondition(d, NOW)).toBe(changed);
    expect(getCondition(d.status, 'Progressing')).toMatchObject(want);
  });

  it('does nothing without a progress deadline', () => {
    const d = withProgressing(true, undefined, 2 ** 31 - 1);
    expect(setPausedCondition(d, NOW)).toBe(false);
    expect(d.status).toBeUndefined();
  });
});
