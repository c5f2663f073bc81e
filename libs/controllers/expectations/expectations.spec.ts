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

describe('Expectations tracking deletions by key', () => {
  type Seen = ['terminating' | 'gone' | 'gone-untracked', string];
  it.each<{ name: string; expect: string[]; seen: Seen[]; want: boolean }>([
    { name: 'none seen', expect: ['ns/a', 'ns/b'], seen: [], want: false },
    {
      name: 'one seen terminating then gone counts once',
      expect: ['ns/a', 'ns/b'],
      seen: [
        ['terminating', 'ns/a'],
        ['gone', 'ns/a'],
      ],
      want: false,
    },
    {
      name: 'both seen terminating',
      expect: ['ns/a', 'ns/b'],
      seen: [
        ['terminating', 'ns/a'],
        ['terminating', 'ns/b'],
      ],
      want: true,
    },
    { name: 'another object gone does not count', expect: ['ns/a'], seen: [['gone', 'ns/x']], want: false },
    {
      name: 'a deletion named by no key does not count',
      expect: ['ns/a'],
      seen: [['gone-untracked', '']],
      want: false,
    },
    { name: 'a key given twice is awaited once', expect: ['ns/a', 'ns/a'], seen: [['gone', 'ns/a']], want: true },
  ])('$name', ({ expect: keys, seen, want }) => {
    const e = new Expectations(() => 0);
    e.expectDeletionsOf('ns/rs', keys);
    for (const [what, key] of seen) {
      if (what === 'terminating') e.terminationObserved('ns/rs', key);
      else if (what === 'gone') e.deletionObserved('ns/rs', key);
      else e.deletionObserved('ns/rs');
    }
    expect(e.satisfied('ns/rs')).toBe(want);
  });

  it('counts a termination only where deletions are tracked', () => {
    const e = new Expectations(() => 0);
    e.expectDeletions('ns/rs', 1);
    e.terminationObserved('ns/rs', 'ns/a');
    expect(e.satisfied('ns/rs')).toBe(false);
  });
});
