import type { ReplicaSet } from '@kubenest/api/apps/types';
import { deployment } from './deployment.testing';
import { maxRevision, revisionOf, setDeploymentRevision, setNewReplicaSetAnnotations } from './revision-annotations';

const rs = (annotations?: Record<string, string>): ReplicaSet => ({
  metadata: { name: 'web-abc', ...(annotations ? { annotations } : {}) },
  spec: { replicas: 1, selector: {} },
});

describe('revisionOf / maxRevision', () => {
  it.each([
    { annotations: undefined, want: 0 },
    { annotations: { 'deployment.kubernetes.io/revision': '7' }, want: 7 },
    { annotations: { 'deployment.kubernetes.io/revision': 'x' }, want: 0 },
  ])('$annotations → $want', ({ annotations, want }) => {
    expect(revisionOf(rs(annotations))).toBe(want);
  });

  it('is the highest of the sets, 0 for none', () => {
    const at = (n: string) => rs({ 'deployment.kubernetes.io/revision': n });
    expect(maxRevision([at('2'), at('9'), at('4')])).toBe(9);
    expect(maxRevision([])).toBe(0);
  });
});

describe('setNewReplicaSetAnnotations', () => {
  const d = deployment({ replicas: 10 });
  d.metadata.annotations = {
    'kubernetes.io/change-cause': 'kubectl set image deployment/web web=v2',
    'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}',
    'deployment.kubernetes.io/revision': '99',
    team: 'a',
  };

  it('gives a set about to be created the revision, the replicas annotations and the copyable annotations', () => {
    const created = rs();
    expect(setNewReplicaSetAnnotations(d, created, 3, false)).toBe(true);
    expect(created.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'kubectl set image deployment/web web=v2',
      team: 'a',
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/desired-replicas': '10',
      'deployment.kubernetes.io/max-replicas': '13',
    });
  });

  it.each([
    { name: 'first time back', before: { r: '2' }, revision: 5, want: { r: '5', h: '2' } },
    { name: 'back again', before: { r: '5', h: '2' }, revision: 8, want: { r: '8', h: '2,5' } },
    { name: 'already at the revision', before: { r: '5', h: '2' }, revision: 5, want: { r: '5', h: '2' } },
    { name: 'a higher revision is kept', before: { r: '9' }, revision: 5, want: { r: '9' } },
    {
      name: 'history trimmed from its oldest',
      before: { r: '30', h: '10,20' },
      revision: 40,
      limit: 6,
      want: { r: '40', h: '20,30' },
    },
  ])('an existing set, $name', ({ before, revision, limit, want }) => {
    const existing = rs({
      'deployment.kubernetes.io/revision': before.r,
      ...(before.h ? { 'deployment.kubernetes.io/revision-history': before.h } : {}),
      team: 'a',
      'kubernetes.io/change-cause': 'kubectl set image deployment/web web=v2',
    });
    setNewReplicaSetAnnotations(d, existing, revision, true, limit);
    expect(existing.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe(want.r);
    expect(existing.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe(want.h);
    expect(existing.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBeUndefined();
  });

  it('answers false when nothing changes, and leaves a revision that is not a number alone', () => {
    const same = rs({
      'deployment.kubernetes.io/revision': '4',
      team: 'a',
      'kubernetes.io/change-cause': 'kubectl set image deployment/web web=v2',
    });
    expect(setNewReplicaSetAnnotations(d, same, 4, true)).toBe(false);
    const odd = rs({ 'deployment.kubernetes.io/revision': 'x' });
    expect(setNewReplicaSetAnnotations(deployment(), odd, 4, true)).toBe(false);
    expect(odd.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('x');
  });
});

describe('setDeploymentRevision', () => {
  it('sets it once', () => {
    const d = deployment();
    expect(setDeploymentRevision(d, '2')).toBe(true);
    expect(setDeploymentRevision(d, '2')).toBe(false);
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
  });
});
