import { NodeToStatus, unresolvable, unschedulable } from '../../framework';
import { ineligibleToPreempt, terminatingByPreemption } from './eligibility';
import { makeNode, makePod, newFakeHandle, PodOptions } from './preemption.fixtures';

describe('ineligibleToPreempt', () => {
  const onNode = (name: string, o: PodOptions) => makePod(name, { nodeName: 'n1', ...o });
  it.each<{ name: string; preemptor: PodOptions; onN1?: PodOptions[]; filtered?: NodeToStatus; want?: string }>([
    { name: 'a pod without a nomination may preempt', preemptor: { priority: 10 } },
    {
      name: 'preemptionPolicy Never',
      preemptor: { priority: 10, preemptionPolicy: 'Never' },
      want: 'not eligible due to preemptionPolicy=Never.',
    },
    { name: 'PreemptLowerPriority', preemptor: { priority: 10, preemptionPolicy: 'PreemptLowerPriority' } },
    {
      name: 'its earlier victims still terminate on the nominated node: it waits',
      preemptor: { priority: 10, nominatedNodeName: 'n1' },
      onN1: [{ priority: 1, deleting: 'byPreemption' }],
      want: 'not eligible due to a terminating pod on the nominated node.',
    },
    {
      name: 'a pod deleted by someone else does not make it wait',
      preemptor: { priority: 10, nominatedNodeName: 'n1' },
      onN1: [{ priority: 1, deleting: 'byUser' }],
    },
    {
      name: 'a terminating pod of equal priority does not make it wait',
      preemptor: { priority: 10, nominatedNodeName: 'n1' },
      onN1: [{ priority: 10, deleting: 'byPreemption' }],
    },
    {
      name: 'the nominated node became unresolvable: it may preempt elsewhere',
      preemptor: { priority: 10, nominatedNodeName: 'n1' },
      onN1: [{ priority: 1, deleting: 'byPreemption' }],
      filtered: new Map([['n1', unresolvable("node(s) didn't match Pod's node affinity/selector")]]),
    },
    {
      name: 'the nominated node is gone from the snapshot',
      preemptor: { priority: 10, nominatedNodeName: 'gone' },
      filtered: new Map([['gone', unschedulable('Insufficient cpu')]]),
    },
  ])('$name', ({ preemptor, onN1 = [], filtered, want }) => {
    const handle = newFakeHandle({
      nodes: [makeNode('n1')],
      pods: onN1.map((o, i) => onNode(`p${i}`, o)),
    });
    const statuses = filtered ?? new Map([['n1', unschedulable('Insufficient cpu')]]);
    expect(ineligibleToPreempt(makePod('preemptor', preemptor), handle.snapshot(), statuses)).toBe(want);
  });

  it.each<{ name: string; pod: PodOptions; want: boolean }>([
    { name: 'running', pod: {}, want: false },
    { name: 'deleted by a preemption', pod: { deleting: 'byPreemption' }, want: true },
    { name: 'deleted otherwise', pod: { deleting: 'byUser' }, want: false },
  ])('terminatingByPreemption: $name', ({ pod, want }) => {
    expect(terminatingByPreemption(makePod('p', pod))).toBe(want);
  });
});
