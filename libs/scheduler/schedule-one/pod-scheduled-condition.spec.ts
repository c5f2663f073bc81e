import { makePod } from '../testing';
import { podScheduledStatusPatch, truncateMessage } from './pod-scheduled-condition';

const withCondition = (status: string, reason: string, message: string, nominatedNodeName?: string) => {
  const pod = makePod('p', { nominatedNodeName });
  pod.status!.conditions = [
    { type: 'PodScheduled', status, reason, message, lastTransitionTime: '2026-01-01T00:00:00Z' },
  ];
  return pod;
};
const NOW = Date.parse('2026-12-07T05:00:00Z');
/** The patch writing the Unschedulable condition with message 'm'. */
const conditionPatch = (lastTransitionTime: string) => ({
  status: {
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: 'm',
        lastProbeTime: null,
        lastTransitionTime,
      },
    ],
  },
});

describe('podScheduledStatusPatch', () => {
  it.each([
    {
      name: 'first failure: the condition, transition now',
      pod: makePod('p'),
      nomination: undefined,
      want: conditionPatch('2026-12-07T05:00:00Z'),
    },
    {
      name: 'the same failure again: nothing to write',
      pod: withCondition('False', 'Unschedulable', 'm'),
      nomination: undefined,
      want: undefined,
    },
    {
      name: 'another message: the transition time is kept',
      pod: withCondition('False', 'Unschedulable', 'old'),
      nomination: undefined,
      want: conditionPatch('2026-01-01T00:00:00Z'),
    },
    {
      name: 'a new nomination alone',
      pod: withCondition('False', 'Unschedulable', 'm'),
      nomination: 'n1',
      want: { status: { nominatedNodeName: 'n1' } },
    },
    {
      name: 'clearing a nomination',
      pod: withCondition('False', 'Unschedulable', 'm', 'n1'),
      nomination: '',
      want: { status: { nominatedNodeName: null } },
    },
    {
      name: 'clearing none: nothing',
      pod: withCondition('False', 'Unschedulable', 'm'),
      nomination: '',
      want: undefined,
    },
  ])('$name', ({ pod, nomination, want }) => {
    expect(podScheduledStatusPatch(pod, 'Unschedulable', 'm', nomination, NOW)).toEqual(want);
  });
});

describe('truncateMessage', () => {
  it.each([
    { length: 1024, want: 1024, ends: 'x' },
    { length: 1025, want: 1024, ends: ' ...' },
  ])('$length characters → $want', ({ length, want, ends }) => {
    const out = truncateMessage('x'.repeat(length));
    expect(out).toHaveLength(want);
    expect(out.endsWith(ends)).toBe(true);
  });
});
