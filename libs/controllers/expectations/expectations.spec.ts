import { Expectations, EXPECTATIONS_TIMEOUT_MS } from './expectations';

type Op =
  | ['expectCreations' | 'expectDeletions', number]
  | ['creationObserved' | 'deletionObserved' | 'delete']
  | ['wait', number];

describe('Expectations', () => {
  it.each<{ name: string; ops: Op[]; want: boolean }>([
    { name: 'none: satisfied', ops: [], want: true },
    { name: 'creations expected, none seen', ops: [['expectCreations', 2]], want: false },
    { name: 'some creations seen', ops: [['expectCreations', 2], ['creationObserved']], want: false },
    {
      name: 'every creation seen',
      ops: [['expectCreations', 2], ['creationObserved'], ['creationObserved']],
      want: true,
    },
    {
      name: 'more seen than expected',
      ops: [['expectCreations', 1], ['creationObserved'], ['creationObserved']],
      want: true,
    },
    { name: 'deletions expected', ops: [['expectDeletions', 1]], want: false },
    { name: 'deletions seen', ops: [['expectDeletions', 1], ['deletionObserved']], want: true },
    {
      name: 'a creation seen does not meet a deletion',
      ops: [['expectDeletions', 1], ['creationObserved']],
      want: false,
    },
    {
      name: 'a new expectation replaces the old',
      ops: [
        ['expectCreations', 1],
        ['expectDeletions', 0],
      ],
      want: true,
    },
    { name: 'deleted expectations', ops: [['expectCreations', 3], ['delete']], want: true },
    {
      name: 'still waiting at 5 minutes',
      ops: [
        ['expectCreations', 1],
        ['wait', EXPECTATIONS_TIMEOUT_MS],
      ],
      want: false,
    },
    {
      name: 'expired after 5 minutes',
      ops: [
        ['expectCreations', 1],
        ['wait', EXPECTATIONS_TIMEOUT_MS + 1],
      ],
      want: true,
    },
    { name: 'observed for nothing expected', ops: [['creationObserved']], want: true },
  ])('$name', ({ ops, want }) => {
    let now = 0;
    const e = new Expectations(() => now);
    for (const [op, n] of ops) {
      if (op === 'wait') now += n!;
      else if (op === 'expectCreations' || op === 'expectDeletions') e[op]('ns/rs', n!);
      else e[op]('ns/rs');
    }
    expect(e.satisfied('ns/rs')).toBe(want);
    expect(e.satisfied('ns/other')).toBe(true);
  });
});
