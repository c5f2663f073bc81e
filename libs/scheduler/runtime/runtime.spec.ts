import { CycleState, newPodInfo, NodeInfo, skip, success, unresolvable, unschedulable } from '../framework';
import { NodeSnapshot } from '../cache';
import { PodNominator } from '../queue';
import { makeNode, makePod, nodeInfosOf } from '../testing';
import { fitErrorMessage, newDiagnosis } from '../framework/fit-error';
import { FitError, NO_NODES_AVAILABLE } from './fit-error';
import { NodeFinder, numFeasibleNodesToFind } from './find-nodes';
import { frameworkOf, profileOf } from './runtime.fixtures';
import { NoNodesAvailableError, schedulePod } from './schedule-pod';
import { selectHost } from './select-host';

const nodes = (n: number) => nodeInfosOf(Array.from({ length: n }, (_, i) => makeNode(`n${i}`)));
/** A seeded generator (mulberry32), so ties are broken the same way every run. */
const seeded = (seed: number) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe('numFeasibleNodesToFind', () => {
  it.each([
    { percentage: undefined, nodes: 50, want: 50 },
    { percentage: undefined, nodes: 99, want: 99 },
    { percentage: undefined, nodes: 100, want: 100 },
    { percentage: undefined, nodes: 1000, want: 420 },
    { percentage: undefined, nodes: 5000, want: 500 },
    { percentage: undefined, nodes: 6000, want: 300 },
    { percentage: undefined, nodes: 10_000, want: 500 },
    { percentage: 10, nodes: 500, want: 100 },
    { percentage: 30, nodes: 1000, want: 300 },
    { percentage: 100, nodes: 1000, want: 1000 },
  ])('$nodes nodes at $percentage% → $want', ({ percentage, nodes: n, want }) => {
    expect(numFeasibleNodesToFind(percentage, n)).toBe(want);
  });
});

describe('Framework', () => {
  it('runs the hooks in kube order and skips the filter of a plugin whose pre-filter skipped', async () => {
    const calls: string[] = [];
    const rec =
      (name: string, status = success()) =>
      () => {
        calls.push(name);
        return status;
      };
    const fwk = frameworkOf(
      {
        A: { preFilter: () => (calls.push('A.preFilter'), { status: skip() }), filter: rec('A.filter') },
        B: {
          preFilter: () => (calls.push('B.preFilter'), { status: success() }),
          filter: rec('B.filter'),
          preScore: rec('B.preScore'),
          score: () => (calls.push('B.score'), 1),
        },
        C: { reserve: rec('C.reserve'), unreserve: () => calls.push('C.unreserve') },
        D: { reserve: rec('D.reserve'), unreserve: () => calls.push('D.unreserve') },
      },
      profileOf(['A', 'B', 'C', 'D']),
    );
    const state = new CycleState();
    const snapshot = NodeSnapshot.of(nodes(2));
    const result = schedulePod(fwk, new NodeFinder(), state, makePod('p'), snapshot, seeded(1));
    fwk.runReservePluginsReserve(state, makePod('p'), result.suggestedHost);
    fwk.runReservePluginsUnreserve(state, makePod('p'), result.suggestedHost);
    expect(calls).toEqual([
      'A.preFilter',
      'B.preFilter',
      'B.filter',
      'B.filter',
      'B.preScore',
      'B.score',
      'B.score',
      'C.reserve',
      'D.reserve',
      'D.unreserve',
      'C.unreserve',
    ]);
  });

  it('normalises, weights and sums scores; the best node wins', () => {
    const raw: Record<string, number> = { n0: 10, n1: 20, n2: 40 };
    const fwk = frameworkOf(
      {
        Raw: {
          score: (_s: unknown, _p: unknown, n: NodeInfo) => raw[n.name!],
          normalizeScore: (_s: unknown, _p: unknown, scores: { score: number }[]) => {
            const max = Math.max(...scores.map((s) => s.score));
            for (const s of scores) s.score = Math.trunc((s.score * 100) / max);
          },
        },
        Flat: { score: (_s: unknown, _p: unknown, n: NodeInfo) => (n.name === 'n0' ? 100 : 0) },
      },
      profileOf([
        { name: 'Raw', weight: 1 },
        { name: 'Flat', weight: 2 },
      ]),
    );
    const infos = nodes(3);
    expect(fwk.runScorePlugins(new CycleState(), makePod('p'), infos)).toEqual([
      { name: 'n0', score: 25 + 200 },
      { name: 'n1', score: 50 },
      { name: 'n2', score: 100 },
    ]);
  });

  it('fails the cycle on a score out of range after normalising', () => {
    const fwk = frameworkOf({ Bad: { score: () => 101 } }, profileOf(['Bad']));
    expect(() => fwk.runScorePlugins(new CycleState(), makePod('p'), nodes(1))).toThrow(
      'plugin Bad returns an invalid score 101, it should in the range of [0, 100] after normalizing',
    );
  });

  it('a score plugin whose pre-score skipped is not run', () => {
    const score = jest.fn(() => 50);
    const fwk = frameworkOf({ S: { preScore: () => skip(), score } }, profileOf(['S']));
    const state = new CycleState();
    fwk.runPreScorePlugins(state, makePod('p'), nodes(2));
    expect(fwk.runScorePlugins(state, makePod('p'), nodes(2))).toEqual([
      { name: 'n0', score: 0 },
      { name: 'n1', score: 0 },
    ]);
    expect(score).not.toHaveBeenCalled();
  });

  it('extension points: enabled first, multiPoint after, disabled and * respected', () => {
    const hooks = { filter: () => success() };
    const fwk = frameworkOf(
      { A: hooks, B: hooks, C: hooks, D: { score: () => 0 } },
      profileOf(['A', 'B', 'D'], {
        plugins: {
          multiPoint: [
            { name: 'A', weight: 1 },
            { name: 'B', weight: 1 },
            { name: 'D', weight: 1 },
          ],
          enabled: { filter: [{ name: 'C', weight: 1 }], score: [{ name: 'D', weight: 7 }] },
          disabled: { filter: ['A'] },
        },
      }),
    );
    expect(fwk.filterPlugins.map((p) => p.name)).toEqual(['C', 'B']);
    expect(fwk.scorePlugins.map((p) => [p.plugin.name, p.weight])).toEqual([['D', 7]]);
    const none = frameworkOf(
      { A: hooks },
      profileOf(['A'], {
        plugins: { multiPoint: [{ name: 'A', weight: 1 }], enabled: {}, disabled: { filter: ['*'] } },
      }),
    );
    expect(none.filterPlugins).toEqual([]);
  });

  it("filters with the nominated pods of at least the pod's priority, then without them", () => {
    const seen: number[] = [];
    const nominator = new PodNominator();
    nominator.add(newPodInfo(makePod('high', { priority: 10, requests: { cpu: '1' } })), 'n0');
    nominator.add(newPodInfo(makePod('low', { priority: 0, requests: { cpu: '2' } })), 'n0');
    const fwk = frameworkOf(
      { F: { filter: (_s: unknown, _p: unknown, n: NodeInfo) => (seen.push(n.requested.milliCPU), success()) } },
      profileOf(['F']),
      undefined,
      nominator,
    );
    const info = nodes(1)[0];
    fwk.runFilterPluginsWithNominatedPods(new CycleState(), makePod('p', { priority: 5 }), info);
    expect(seen).toEqual([1000, 0]);
    expect(info.requested.milliCPU).toBe(0);
  });

  it('turns a throwing filter into an Error status naming the plugin', () => {
    const fwk = frameworkOf(
      {
        Boom: {
          filter: () => {
            throw new Error('kaput');
          },
        },
      },
      profileOf(['Boom']),
    );
    expect(fwk.runFilterPlugins(new CycleState(), makePod('p'), nodes(1)[0])).toMatchObject({
      code: 'Error',
      reasons: ['kaput'],
      plugin: 'Boom',
    });
  });

  it('an unknown plugin name is an error', () => {
    expect(() => frameworkOf({}, profileOf(['Nope']))).toThrow('plugin "Nope" does not exist');
  });
});

describe('schedulePod', () => {
  it("no nodes: kube's error", () => {
    const fwk = frameworkOf({}, profileOf([]));
    expect(() => schedulePod(fwk, new NodeFinder(), new CycleState(), makePod('p'), NodeSnapshot.of([]))).toThrow(
      NoNodesAvailableError,
    );
    expect(new NoNodesAvailableError().message).toBe(NO_NODES_AVAILABLE);
  });

  it('stops filtering once enough nodes are feasible and starts the next cycle where it stopped', () => {
    const filtered: string[] = [];
    const fwk = frameworkOf(
      { F: { filter: (_s: unknown, _p: unknown, n: NodeInfo) => (filtered.push(n.name!), success()) } },
      profileOf(['F'], { percentageOfNodesToScore: 10 }),
    );
    const finder = new NodeFinder();
    const snapshot = NodeSnapshot.of(nodes(500));
    const first = schedulePod(fwk, finder, new CycleState(), makePod('p'), snapshot, seeded(3));
    expect(first.feasibleNodes).toBe(100);
    expect(filtered[0]).toBe('n0');
    expect(finder.nextStartNodeIndex).toBe(100);
    filtered.length = 0;
    schedulePod(fwk, finder, new CycleState(), makePod('p'), snapshot, seeded(3));
    expect(filtered[0]).toBe('n100');
  });

  it('breaks ties at random among the best nodes (seeded)', () => {
    const fwk = frameworkOf({ Same: { score: () => 50 } }, profileOf(['Same']));
    const snapshot = NodeSnapshot.of(nodes(4));
    const random = seeded(42);
    const picks = new Set<string>();
    for (let i = 0; i < 40; i++)
      picks.add(schedulePod(fwk, new NodeFinder(), new CycleState(), makePod('p'), snapshot, random).suggestedHost);
    expect([...picks].sort()).toEqual(['n0', 'n1', 'n2', 'n3']);
  });

  it.each([
    { name: 'all equal: the last draw decides', scores: [5, 5, 5], draws: [0.9, 0.1], want: 'n2' },
    { name: 'a draw that keeps the first', scores: [5, 5], draws: [0.9], want: 'n0' },
    { name: 'the highest wins regardless of draws', scores: [1, 9, 3], draws: [], want: 'n1' },
  ])('selectHost: $name', ({ scores, draws, want }) => {
    const random = () => draws.shift() ?? 0.99;
    expect(
      selectHost(
        scores.map((score, i) => ({ name: `n${i}`, score })),
        random,
      ),
    ).toBe(want);
  });

  it('a FitError counts the reasons over the nodes and names the rejecting plugins', () => {
    const fwk = frameworkOf(
      {
        Fit: {
          filter: (_s: unknown, _p: unknown, n: NodeInfo) =>
            n.name === 'n0' ? unschedulable('Insufficient cpu') : success(),
        },
        Taint: {
          filter: () => unresolvable('node(s) had untolerated taint {dedicated: db}'),
        },
      },
      profileOf(['Fit', 'Taint']),
    );
    let error: FitError | undefined;
    try {
      schedulePod(fwk, new NodeFinder(), new CycleState(), makePod('p'), NodeSnapshot.of(nodes(3)));
    } catch (e) {
      error = e as FitError;
    }
    expect(error?.message).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {dedicated: db}.',
    );
    expect([...error!.diagnosis.unschedulablePlugins].sort()).toEqual(['Fit', 'Taint']);
  });

  it('a pre-filter rejection gives its message once, and narrowing to no node names the plugins', () => {
    const rejecting = frameworkOf(
      { P: { preFilter: () => ({ status: unresolvable('pod has unbound immediate PersistentVolumeClaims') }) } },
      profileOf(['P']),
    );
    expect(() =>
      schedulePod(rejecting, new NodeFinder(), new CycleState(), makePod('p'), NodeSnapshot.of(nodes(2))),
    ).toThrow('0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims.');
    const narrowing = frameworkOf(
      {
        A: { preFilter: () => ({ status: success(), result: { nodeNames: new Set(['n0']) } }) },
        B: { preFilter: () => ({ status: success(), result: { nodeNames: new Set(['n1']) } }) },
      },
      profileOf(['A', 'B']),
    );
    expect(() =>
      schedulePod(narrowing, new NodeFinder(), new CycleState(), makePod('p'), NodeSnapshot.of(nodes(2))),
    ).toThrow("0/2 nodes are available: node(s) didn't satisfy plugin(s) [A B] simultaneously.");
  });

  it('tries the nominated node first', () => {
    const filtered: string[] = [];
    const fwk = frameworkOf(
      { F: { filter: (_s: unknown, _p: unknown, n: NodeInfo) => (filtered.push(n.name!), success()) } },
      profileOf(['F']),
    );
    const result = schedulePod(
      fwk,
      new NodeFinder(),
      new CycleState(),
      makePod('p', { nominatedNodeName: 'n2' }),
      NodeSnapshot.of(nodes(3)),
    );
    expect(result.suggestedHost).toBe('n2');
    expect(filtered).toEqual(['n2']);
  });
});

describe('fitErrorMessage', () => {
  it.each([
    {
      name: 'reasons sorted as strings, counts first',
      statuses: {
        a: ['Insufficient memory'],
        b: ['Insufficient cpu', 'Insufficient memory'],
        c: ["node(s) didn't match Pod's node affinity/selector"],
      },
      post: undefined,
      want: "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient memory.",
    },
    {
      name: 'with the post-filter message',
      statuses: { a: ['Insufficient cpu'] },
      post: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
      want: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
  ])('$name', ({ statuses, post, want }) => {
    const d = newDiagnosis();
    for (const [node, reasons] of Object.entries(statuses)) d.nodeToStatus.set(node, unschedulable(...reasons));
    d.postFilterMsg = post;
    expect(fitErrorMessage(Object.keys(statuses).length, d)).toBe(want);
  });

  it('counts the nodes never tried with the absent status', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('a', unschedulable('Insufficient cpu'));
    d.absentNodesStatus = unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]");
    expect(fitErrorMessage(4, d)).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });
});
