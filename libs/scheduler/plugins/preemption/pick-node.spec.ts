import type { Candidate } from './find-candidates';
import { pickOneNodeForPreemption } from './pick-node';
import { makePod, T0 } from './preemption.fixtures';

/** A victim: priority, and minutes after T0 it started (unset: not started). */
type V = [priority: number, startedAt?: number];

const candidate = (nodeName: string, victims: V[], numPDBViolations = 0): Candidate => ({
  nodeName,
  numPDBViolations,
  victims: victims.map(([priority, startedAt], i) => makePod(`${nodeName}-v${i}`, { priority, startedAt })),
});

describe('pickOneNodeForPreemption', () => {
  it.each<{ name: string; candidates: Candidate[]; want: string }>([
    {
      name: 'fewest PodDisruptionBudget violations first',
      candidates: [candidate('n1', [[1]], 1), candidate('n2', [[100], [100]], 0)],
      want: 'n2',
    },
    {
      name: 'then the lowest highest-priority victim',
      candidates: [candidate('n1', [[5], [1]]), candidate('n2', [[4], [4], [4]]), candidate('n3', [[6]])],
      want: 'n2',
    },
    {
      name: 'then the smallest sum of priorities',
      candidates: [candidate('n1', [[5], [4]]), candidate('n2', [[5], [1], [1]]), candidate('n3', [[5], [3]])],
      want: 'n3',
    },
    {
      name: 'negative priorities: fewer pods of the same priority sum lower',
      candidates: [candidate('n1', [[-10], [-10]]), candidate('n2', [[-10]])],
      want: 'n2',
    },
    {
      name: 'then the fewest victims',
      candidates: [candidate('n1', [[3], [1], [1], [1]]), candidate('n2', [[3], [2], [1]])],
      want: 'n2',
    },
    {
      name: 'then the latest start of the highest-priority victims (lower ones do not count)',
      candidates: [
        candidate('n1', [
          [5, 10],
          [5, 40],
          [1, 50],
        ]),
        candidate('n2', [
          [5, 20],
          [5, 30],
          [1, 0],
        ]),
      ],
      want: 'n2',
    },
    {
      name: 'a victim not started yet counts as starting now',
      candidates: [candidate('n1', [[5, 30]]), candidate('n2', [[5]])],
      want: 'n2',
    },
    {
      name: 'a full tie: the first candidate',
      candidates: [candidate('n1', [[5, 10]]), candidate('n2', [[5, 10]]), candidate('n3', [[5, 10]])],
      want: 'n1',
    },
    {
      name: 'a single candidate',
      candidates: [candidate('only', [[100], [100]], 3)],
      want: 'only',
    },
  ])('$name', ({ candidates, want }) => {
    expect(pickOneNodeForPreemption(candidates, T0 + 3_600_000)?.nodeName).toBe(want);
  });

  it('no candidate, no node', () => {
    expect(pickOneNodeForPreemption([], T0)).toBeUndefined();
  });
});
