import type { Node, Pod } from '@kubenest/api/core/types';
import { NodeSnapshot, SchedulerCache } from '../../../cache';
import type { NodeInfo } from '../../../framework/node-info';
import { makeNode, makePod, nodeInfosOf, snapshotOf } from '../../../testing';
import { spreadConstraints, type TopologySpreadConstraint, type WhenUnsatisfiable } from './constraints';
import { DomainTallies, Tallies } from './domain-tally';
import { spreadFilterState } from './pre-filter-state';
import { spreadScoreState } from './scoring';

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const ZONE = 'topology.kubernetes.io/zone';
const HOSTNAME = 'kubernetes.io/hostname';
const APPS = ['web', 'db', 'cache'];

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const randomNode = (random: () => number, name: string): Node =>
  makeNode(name, {
    labels: {
      ...(random() < 0.85 ? { [ZONE]: pick(random, ['a', 'b', 'c', 'd']) } : {}),
      disk: pick(random, ['ssd', 'hdd']),
    },
    taints: random() < 0.3 ? [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] : undefined,
  });

const randomPod = (random: () => number, name: string, nodeName?: string): Pod =>
  makePod(name, {
    nodeName,
    namespace: random() < 0.9 ? 'default' : 'other',
    labels: { app: pick(random, APPS) },
    deleting: random() < 0.05,
  });

/** One kind of incoming pod: its constraints and the node policies they honour. */
const randomIncoming = (random: () => number, i: number): Pod => {
  const app = pick(random, APPS);
  const constraint = (topologyKey: string, whenUnsatisfiable: WhenUnsatisfiable): TopologySpreadConstraint => ({
    topologyKey,
    maxSkew: pick(random, [1, 3, 5]),
    whenUnsatisfiable,
    labelSelector: { matchLabels: { app } },
    ...(random() < 0.3 ? { nodeTaintsPolicy: 'Honor' as const } : {}),
    ...(random() < 0.2 ? { nodeAffinityPolicy: 'Ignore' as const } : {}),
  });
  return makePod(`incoming-${i}`, {
    labels: { app },
    spec: {
      topologySpreadConstraints: [
        constraint(ZONE, pick(random, ['DoNotSchedule', 'ScheduleAnyway'] as const)),
        constraint(HOSTNAME, pick(random, ['DoNotSchedule', 'ScheduleAnyway'] as const)),
      ],
      ...(random() < 0.3 ? { nodeSelector: { disk: 'ssd' } } : {}),
      ...(random() < 0.3 ? { tolerations: [{ key: 'dedicated', operator: 'Exists' as const }] } : {}),
    },
  });
};

/** What a cycle hands the filter and the scores: counted per domain, and each node's raw score. */
const answers = (
  incoming: Pod,
  snapshot: { nodeInfos: readonly NodeInfo[] } & Parameters<typeof spreadFilterState>[2],
  requireAllTopologies: boolean,
  tallies: DomainTallies,
) => {
  const specs = incoming.spec!.topologySpreadConstraints!;
  const hard = spreadConstraints(specs, incoming.metadata.labels, 'DoNotSchedule');
  const soft = spreadConstraints(specs, incoming.metadata.labels, 'ScheduleAnyway');
  const feasible = snapshot.nodeInfos.filter((_, i) => i % 3 !== 1);
  const filter = hard.length ? spreadFilterState(incoming, hard, snapshot, tallies).domainCounts : [];
  const score = soft.length
    ? spreadScoreState(incoming, soft, feasible, snapshot, requireAllTopologies, tallies)
    : undefined;
  return {
    filter: filter.map((m) => Object.fromEntries(m)),
    domains: score?.domainCounts.map((m) => Object.fromEntries(m)),
    scores: score && feasible.map((info) => score.score(info)),
  };
};

describe('PodTopologySpread tallies kept across cycles', () => {
  it.each([1, 2, 3, 4, 5, 6])('count as a fresh walk of every node after random changes (seed %i)', (seed) => {
    const random = prng(seed);
    const cache = new SchedulerCache();
    const snapshot = new NodeSnapshot();
    const tallies = new DomainTallies();
    let nodes = 12;
    for (let i = 0; i < nodes; i++) cache.addNode(randomNode(random, `n${i}`));
    const bound: Pod[] = [];
    for (let i = 0; i < 40; i++) {
      const pod = randomPod(random, `p${i}`, `n${Math.floor(random() * nodes)}`);
      cache.addPod(pod);
      bound.push(pod);
    }
    const kinds = [0, 1, 2, 3, 4, 5].map((i) => randomIncoming(random, i));
    for (let cycle = 0; cycle < 150; cycle++) {
      cache.updateSnapshot(snapshot);
      const incoming = pick(random, kinds);
      const requireAll = random() < 0.5;
      const fresh = snapshotOf(snapshot.nodeInfos.map((info) => info.clone()));
      expect(answers(incoming, snapshot, requireAll, tallies)).toEqual(
        answers(incoming, fresh, requireAll, new DomainTallies()),
      );
      const change = random();
      const target = `n${Math.floor(random() * nodes)}`;
      if (change < 0.5) {
        const pod = randomPod(random, `c${cycle}`);
        cache.assumePod(pod, target);
        bound.push({ ...pod, spec: { ...pod.spec!, nodeName: target } });
      } else if (change < 0.75 && bound.length) {
        cache.removePod(bound.splice(Math.floor(random() * bound.length), 1)[0]);
      } else if (change < 0.9) {
        cache.updateNode(makeNode(target), randomNode(random, target));
      } else if (change < 0.95) {
        cache.addNode(randomNode(random, `n${nodes++}`));
      } else if (nodes > 2) {
        cache.removeNode(makeNode(`n${--nodes}`));
      }
    }
  });
});

describe('NodeSnapshot.changedSince', () => {
  it('lists the infos the cache changed after a generation, and cannot tell once they are forgotten', () => {
    const cache = new SchedulerCache();
    const snapshot = new NodeSnapshot();
    for (let i = 0; i < 3; i++) cache.addNode(makeNode(`n${i}`));
    cache.updateSnapshot(snapshot);
    expect(snapshot.changedSince(snapshot.generation)).toBeUndefined();
    cache.addPod(makePod('p0', { nodeName: 'n1' }));
    cache.updateSnapshot(snapshot);
    const seen = snapshot.generation;
    expect(snapshot.changedSince(seen)).toEqual([]);
    cache.addPod(makePod('p1', { nodeName: 'n2' }));
    cache.addPod(makePod('p2', { nodeName: 'n0' }));
    cache.updateSnapshot(snapshot);
    expect(snapshot.changedSince(seen)?.map((info) => info.name)).toEqual(['n0', 'n2']);
    for (let i = 3; i < 200; i++) {
      cache.addPod(makePod(`p${i}`, { nodeName: 'n1' }));
      cache.updateSnapshot(snapshot);
    }
    expect(snapshot.changedSince(seen)).toBeUndefined();
    expect(snapshot.changedSince(snapshot.generation)).toEqual([]);
  });

  it('cannot tell for a snapshot the cache does not fill', () => {
    expect(NodeSnapshot.of([]).changedSince(0)).toBeUndefined();
  });
});

describe('Tallies', () => {
  it('keeps the node parts of all its keys within its budget, dropping the least recently used', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => makeNode(`n${i}`));
    const snapshot = snapshotOf(nodeInfosOf(nodes, []));
    const tallies = new Tallies(1024, 25);
    const everyNode = (info: NodeInfo) => ({ domain: info.name!, pods: 1 });
    // Selectors matching every pod, one per key, as a user's pending pods may each bring.
    for (const key of ['a', 'b', 'c']) {
      expect(tallies.current(snapshot, key, everyNode).size).toBe(10);
      expect(tallies.heldParts).toBeLessThanOrEqual(25);
    }
    const again = tallies.current(snapshot, 'c', everyNode);
    // 'a' was dropped to make room for 'c' (30 parts > 25); 'c' is kept, counted once.
    expect(again.size).toBe(10);
    expect(again.pods.get('n0')).toBe(1);
    expect(tallies.heldParts).toBe(20);
  });
});
