import type { Node, Pod } from '@kubenest/api/core/types';
import type { KubeObject } from '@kubenest/apimachinery';
import { FakeResourceClient } from '@kubenest/client/testing';
import { Indexer } from '@kubenest/controllers';
import { DEFAULT_PLUGINS } from '../config';
import { CycleState, NodeInfo, newPodInfo, NodeLocalMemo, Plugin, PluginFactory } from '../framework';
import { NodeSnapshot } from '../cache';
import { inTreePlugins } from '../plugins';
import { PodNominator } from '../queue';
import { makeNode, makePod } from '../testing';
import { Framework } from './framework';
import { profileOf } from './runtime.fixtures';

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const PROFILE_PLUGINS = DEFAULT_PLUGINS.filter((p) => p.name !== 'DefaultPreemption' && p.name !== 'DefaultBinder');

const frameworkWith = (registry: Record<string, PluginFactory>, snapshot: NodeSnapshot): Framework =>
  new Framework(
    profileOf([...PROFILE_PLUGINS, { name: 'Binder', weight: 1 }]),
    { ...registry, Binder: () => ({ name: 'Binder', bind: async () => ({ code: 'Success', reasons: [] }) }) as Plugin },
    {
      client: new FakeResourceClient(),
      recorder: { event: () => undefined },
      nominator: new PodNominator(),
      listerFor: <T extends KubeObject>() => new Indexer<T>(),
      snapshot: () => snapshot,
    },
  );

/** The in-tree plugins with no signature: every answer computed afresh. */
const unsigned: Record<string, PluginFactory> = Object.fromEntries(
  Object.entries(inTreePlugins).map(([name, factory]) => [
    name,
    (args, handle) => Object.assign(Object.create(factory(args, handle)) as Plugin, { signPod: undefined }),
  ]),
);

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const randomNode = (random: () => number, i: number): Node =>
  makeNode(`node-${i}`, {
    labels: { zone: pick(random, ['a', 'b', 'c']), disk: pick(random, ['ssd', 'hdd']) },
    allocatable: {
      cpu: pick(random, ['1', '2', '4']),
      memory: pick(random, ['1Gi', '4Gi']),
      pods: pick(random, ['3', '110']),
    },
    taints:
      random() < 0.3
        ? [
            {
              key: 'dedicated',
              value: pick(random, ['db', 'web']),
              effect: pick(random, ['NoSchedule', 'PreferNoSchedule'] as const),
            },
          ]
        : undefined,
    unschedulable: random() < 0.1,
    ready: random() < 0.1 ? 'False' : 'True',
  });

/** A few pod shapes, so signatures repeat as in a real workload, some with host ports or a node name. */
const randomPod = (random: () => number, i: number, nodes: number): Pod => {
  const shape = Math.floor(random() * 6);
  return makePod(`pod-${i}`, {
    requests: shape === 5 ? undefined : { cpu: pick(random, ['100m', '500m']), memory: pick(random, ['128Mi', '1Gi']) },
    spec: {
      ...(shape === 1 ? { nodeSelector: { disk: 'ssd' } } : {}),
      ...(shape === 2
        ? { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] }
        : {}),
      ...(shape === 3
        ? { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort: pick(random, [80, 81]) }] }] }
        : {}),
      ...(shape === 4 && random() < 0.3 ? { nodeName: `node-${Math.floor(random() * nodes)}` } : {}),
      ...(shape === 4
        ? {
            affinity: {
              nodeAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
                ],
              },
            },
          }
        : {}),
    },
  });
};

/** Every node's filter answer, and the scores of the feasible ones, as one framework sees the pod. */
const decide = (fwk: Framework, pod: Pod, nodes: readonly NodeInfo[]) => {
  const state = new CycleState();
  const pre = fwk.runPreFilterPlugins(state, pod, nodes);
  if (pre.status.code !== 'Success') return { pre: pre.status };
  const statuses = nodes.map((n) => fwk.runFilterPlugins(state, pod, n));
  const feasible = nodes.filter((_, i) => statuses[i].code === 'Success');
  let scores: { name: string; score: number }[] = [];
  if (feasible.length) {
    expect(fwk.runPreScorePlugins(state, pod, feasible).code).toBe('Success');
    scores = fwk.runScorePlugins(state, pod, feasible);
  }
  return {
    statuses: statuses.map((s) => ({ code: s.code, reasons: s.reasons, plugin: s.plugin })),
    scores,
  };
};

describe('the node-local memo', () => {
  it.each([1, 2, 3, 4, 5])(
    'gives the same filter answers and scores as computing afresh, pod after pod (seed %i)',
    (seed) => {
      const random = prng(seed);
      const infos = Array.from({ length: 25 }, (_, i) => new NodeInfo(randomNode(random, i)));
      const snapshot = NodeSnapshot.of(infos);
      const memoised = frameworkWith({ ...inTreePlugins }, snapshot);
      const fresh = frameworkWith(unsigned, snapshot);
      for (let i = 0; i < 150; i++) {
        const pod = randomPod(random, i, infos.length);
        const answer = decide(memoised, pod, infos);
        expect(answer).toEqual(decide(fresh, pod, infos));
        const feasible = answer.scores ?? [];
        if (feasible.length) {
          const node = snapshot.get(pick(random, feasible).name)!;
          node.addPod(newPodInfo({ ...pod, spec: { ...pod.spec!, nodeName: node.name } }));
        }
        if (random() < 0.05) {
          const info = pick(random, infos);
          info.setNode(randomNode(random, Number(info.name!.slice('node-'.length))));
        }
        if (random() < 0.05) {
          const info = pick(random, infos);
          const victim = info.pods[0];
          if (victim) info.removePod(victim.pod);
        }
      }
    },
  );

  it('keeps the most recently used signatures only', () => {
    const memo = new NodeLocalMemo(2, 1, 1);
    const a = memo.forSignature('a');
    memo.forSignature('b');
    expect(memo.forSignature('a')).toBe(a);
    memo.forSignature('c');
    expect(memo.size).toBe(2);
    expect(memo.forSignature('a')).toBe(a);
    const info = new NodeInfo(makeNode('n'));
    a.forNode(info).score[0] = 7;
    expect(a.forNode(info).score[0]).toBe(7);
    info.addPod(newPodInfo(makePod('p', { nodeName: 'n' })));
    expect(a.forNode(info).score[0]).toBeNaN();
  });
});
