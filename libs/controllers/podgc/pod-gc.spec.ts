import type { Logger } from '@nestjs/common';
import type { Node, Pod } from '@kubenest/api/core/types';
import { KubeObject } from '@kubenest/apimachinery';
import { ResourceClient, ResourceRef, resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import type { Lister } from '../informer';
import { PodGC } from './pod-gc';
import { terminatedOverThreshold, terminatingOutOfService } from './pod-garbage';

const pod = (
  name: string,
  o: { phase?: string; reason?: string; node?: string; created?: number; deleting?: boolean } = {},
): Pod =>
  ({
    metadata: {
      namespace: 'ns',
      name,
      creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, o.created ?? 0)).toISOString(),
      ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:10:00Z' } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'x' }], ...(o.node ? { nodeName: o.node } : {}) },
    status: { phase: o.phase ?? 'Running', ...(o.reason ? { reason: o.reason } : {}) },
  }) as Pod;

const listerOf = <T extends { metadata: { name?: string; namespace?: string } }>(items: () => T[]) =>
  ({
    list: () => items(),
    get: (_ns: string | undefined, name: string) => items().find((i) => i.metadata.name === name),
  }) as unknown as Lister<T & Pod>;

describe('terminatedOverThreshold', () => {
  const pods = [
    pod('new-failed', { phase: 'Failed', created: 30 }),
    pod('old-done', { phase: 'Succeeded', created: 10 }),
    pod('running', { created: 0 }),
    pod('mid-failed', { phase: 'Failed', created: 20 }),
    pod('evicted', { phase: 'Failed', reason: 'Evicted', created: 40 }),
  ];
  it.each([
    { threshold: 0, deleted: [] },
    { threshold: 4, deleted: [] },
    { threshold: 3, deleted: ['evicted'] },
    { threshold: 2, deleted: ['evicted', 'old-done'] },
    { threshold: 1, deleted: ['evicted', 'old-done', 'mid-failed'] },
  ])('threshold $threshold deletes $deleted', ({ threshold, deleted }) => {
    expect(terminatedOverThreshold(pods, threshold).map((p) => p.metadata.name)).toEqual(deleted);
  });
});

describe('terminatingOutOfService', () => {
  const node = (name: string, ready: boolean, outOfService: boolean): Node => ({
    metadata: { name },
    spec: outOfService ? { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] } : {},
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  });
  const nodes = [node('down-oos', false, true), node('up-oos', true, true), node('down', false, false)];
  it.each([
    { pod: pod('a', { node: 'down-oos', deleting: true }), taken: true },
    { pod: pod('b', { node: 'down-oos' }), taken: false },
    { pod: pod('c', { node: 'up-oos', deleting: true }), taken: false },
    { pod: pod('d', { node: 'down', deleting: true }), taken: false },
    { pod: pod('e', { node: 'missing', deleting: true }), taken: false },
  ])('$pod.metadata.name taken: $taken', ({ pod: p, taken }) => {
    const found = terminatingOutOfService([p], (name) => nodes.find((n) => n.metadata.name === name));
    expect(found.length === 1).toBe(taken);
  });
});

describe('PodGC', () => {
  const setup = async (pods: Pod[], nodes: Node[], threshold = 100) => {
    const client = new FakeResourceClient();
    for (const p of pods) client.seed(resources.pods, p);
    for (const n of nodes) client.seed(resources.nodes, n);
    const api = client.resource<Pod>(resources.pods);
    const patches: unknown[] = [];
    const recording: ResourceClient = {
      resource: <T extends KubeObject>(ref: ResourceRef) => {
        const r = client.resource<T>(ref);
        return {
          ...r,
          patch: async (...args: Parameters<typeof r.patch>) => {
            patches.push(args[3]);
            return r.patch(...args);
          },
        };
      },
    };
    const current = { pods: pods as Pod[] };
    let now = 0;
    const gc = new PodGC({
      client: recording,
      pods: listerOf(() => current.pods),
      nodes: listerOf(() => nodes) as unknown as Lister<Node>,
      terminatedPodThreshold: threshold,
      quarantineMs: 40_000,
      now: () => now,
      logger: { log: () => undefined } as unknown as Logger,
    });
    const pass = async (at: number) => {
      now = at;
      current.pods = (await api.list('ns')).items;
      await gc.pass();
      return (await api.list('ns')).items.map((p) => p.metadata.name).sort();
    };
    return { pass, patches };
  };

  it('deletes the pods of a missing node only after the quarantine, marked Failed with DisruptionTarget', async () => {
    const { pass, patches } = await setup(
      [pod('on-gone', { node: 'gone' }), pod('on-here', { node: 'here' })],
      [{ metadata: { name: 'here' } }],
    );
    expect(await pass(0)).toEqual(['on-gone', 'on-here']);
    expect(await pass(39_000)).toEqual(['on-gone', 'on-here']);
    expect(await pass(40_000)).toEqual(['on-here']);
    expect(patches).toEqual([
      {
        status: {
          phase: 'Failed',
          conditions: [
            expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC' }),
          ],
        },
      },
    ]);
  });

  it('trims finished pods above the threshold and deletes unscheduled terminating pods', async () => {
    const { pass } = await setup(
      [
        pod('f1', { phase: 'Failed', node: 'here', created: 1 }),
        pod('f2', { phase: 'Failed', node: 'here', created: 2 }),
        pod('unscheduled-deleting', { deleting: true }),
        pod('pending'),
      ],
      [{ metadata: { name: 'here' } }],
      1,
    );
    expect(await pass(0)).toEqual(['f2', 'pending']);
  });
});
