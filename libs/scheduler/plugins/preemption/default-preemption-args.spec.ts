import { defaultPreemptionArgs, numCandidates } from './default-preemption-args';

describe('DefaultPreemptionArgs', () => {
  it.each<{ name: string; raw?: Record<string, unknown>; want?: object; error?: string }>([
    {
      name: 'unset: kube defaults',
      raw: undefined,
      want: { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 },
    },
    {
      name: 'one field given, the other defaulted',
      raw: { minCandidateNodesAbsolute: 0 },
      want: { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 0 },
    },
    {
      name: 'percentage out of range',
      raw: { minCandidateNodesPercentage: 101 },
      error: 'minCandidateNodesPercentage: Invalid value: 101: not in valid range [0, 100]',
    },
    {
      name: 'negative absolute',
      raw: { minCandidateNodesAbsolute: -1 },
      error: 'minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)',
    },
    {
      name: 'not a number',
      raw: { minCandidateNodesPercentage: '10' },
      error: 'minCandidateNodesPercentage: Invalid value: "10": not in valid range [0, 100]',
    },
    {
      name: 'both zero',
      raw: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 },
      error:
        '[minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute, ' +
        'minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage]',
    },
  ])('$name', ({ raw, want, error }) => {
    if (error) expect(() => defaultPreemptionArgs(raw)).toThrow(error);
    else expect(defaultPreemptionArgs(raw)).toEqual(want);
  });

  it.each([
    { name: 'the absolute minimum wins over a small share', percentage: 10, absolute: 100, nodes: 500, want: 100 },
    { name: 'never more than the nodes', percentage: 10, absolute: 100, nodes: 7, want: 7 },
    { name: 'the share wins when larger', percentage: 40, absolute: 10, nodes: 1000, want: 400 },
    { name: 'the share rounds down', percentage: 25, absolute: 0, nodes: 10, want: 2 },
    { name: 'percentage only', percentage: 100, absolute: 0, nodes: 3, want: 3 },
    { name: 'absolute only', percentage: 0, absolute: 2, nodes: 5, want: 2 },
  ])('numCandidates: $name', ({ percentage, absolute, nodes, want }) => {
    expect(numCandidates({ minCandidateNodesPercentage: percentage, minCandidateNodesAbsolute: absolute }, nodes)).toBe(
      want,
    );
  });
});
