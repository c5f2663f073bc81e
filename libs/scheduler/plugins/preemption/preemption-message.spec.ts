import { Status, unresolvable, unschedulable } from '../../framework';
import { noCandidateMessage } from './preemption-message';

describe('noCandidateMessage', () => {
  it.each<{ name: string; all: number; statuses: [string, Status][]; want: string }>([
    {
      name: 'no node tried',
      all: 3,
      statuses: [],
      want: '0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    },
    {
      name: 'counts sorted as strings, not by count',
      all: 3,
      statuses: [
        ['n2', unresolvable('No preemption victims found for incoming pod')],
        ['n3', unresolvable('No preemption victims found for incoming pod')],
      ],
      want: '0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    },
    {
      name: "every reason of a node's status counts",
      all: 2,
      statuses: [
        ['n1', unschedulable('Insufficient cpu', 'Insufficient memory')],
        ['n2', unschedulable('Insufficient cpu')],
      ],
      want: '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.',
    },
  ])('$name', ({ all, statuses, want }) => {
    expect(noCandidateMessage(all, new Map(statuses))).toBe(want);
  });
});
