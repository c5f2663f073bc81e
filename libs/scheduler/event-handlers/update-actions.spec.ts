import { makeNode, makePod } from '../testing';
import { assignedPodUpdateActions, nodeUpdateActions } from './update-actions';

describe('nodeUpdateActions', () => {
  const base = makeNode('n');
  it.each([
    {
      name: 'a heartbeat: nothing',
      change: {
        status: { ...base.status, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: 'later' }] },
      },
      want: [],
    },
    { name: 'cordoned: a taint change', change: { spec: { unschedulable: true } }, want: ['UpdateNodeTaint'] },
    { name: 'taints', change: { spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } }, want: ['UpdateNodeTaint'] },
    { name: 'labels', change: { metadata: { ...base.metadata, labels: { a: 'b' } } }, want: ['UpdateNodeLabel'] },
    {
      name: 'allocatable',
      change: { status: { ...base.status, allocatable: { cpu: '8' } } },
      want: ['UpdateNodeAllocatable'],
    },
    {
      name: 'not ready',
      change: { status: { ...base.status, conditions: [{ type: 'Ready', status: 'False' }] } },
      want: ['UpdateNodeCondition'],
    },
    {
      name: 'annotations',
      change: { metadata: { ...base.metadata, annotations: { a: 'b' } } },
      want: ['UpdateNodeAnnotation'],
    },
  ])('$name', ({ change, want }) => {
    expect(nodeUpdateActions(base, { ...base, ...change } as never)).toEqual(want);
  });
});

describe('assignedPodUpdateActions', () => {
  it.each([
    {
      name: 'status only: a plain update',
      next: { ...makePod('p', { requests: { cpu: '1' } }), status: { phase: 'Running' as const } },
      want: ['Update'],
    },
    { name: 'labels', next: makePod('p', { requests: { cpu: '1' }, labels: { a: 'b' } }), want: ['UpdatePodLabel'] },
    { name: 'asks for less', next: makePod('p', { requests: { cpu: '500m' } }), want: ['UpdatePodScaleDown'] },
  ])('$name', ({ next, want }) => {
    expect(assignedPodUpdateActions(makePod('p', { requests: { cpu: '1' } }), next)).toEqual(want);
  });
});
