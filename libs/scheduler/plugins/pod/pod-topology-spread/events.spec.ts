import type { Node, Pod } from '@kubenest/api/core/types';
import { HOSTNAME, node, pod, ZONE } from '../pod-plugins.fixtures';
import { spreadConstraints } from './constraints';
import { nodeChangeHint, podChangeHint, podTopologySpreadEvents } from './events';

const web = { app: 'web' };
const constraintsOf = (p: Pod) =>
  spreadConstraints(p.spec?.topologySpreadConstraints ?? [], p.metadata.labels, 'DoNotSchedule');
const target = pod('p', {
  labels: web,
  spec: {
    topologySpreadConstraints: [
      { topologyKey: ZONE, maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: web } },
    ],
  },
});
const assigned = (labels: Record<string, string>, namespace = 'default') =>
  pod('x', { labels, namespace, nodeName: 'n1' });

describe('PodTopologySpread queueing hints', () => {
  it('registers pod add/delete/label update and node add/delete/label/taint update', () => {
    expect(podTopologySpreadEvents(constraintsOf).map((e) => `${e.event.resource}/${e.event.action}`)).toEqual([
      'AssignedPod/Add',
      'AssignedPod/UpdatePodLabel',
      'AssignedPod/Delete',
      'Node/Add',
      'Node/Delete',
      'Node/UpdateNodeLabel',
      'Node/UpdateNodeTaint',
    ]);
  });

  const hint = podChangeHint(constraintsOf);
  it.each<{ name: string; old?: Pod; new?: Pod; want: string }>([
    { name: 'a matching pod deleted', old: assigned(web), want: 'Queue' },
    { name: 'a matching pod added', new: assigned(web), want: 'Queue' },
    { name: 'a pod its selector does not match', old: assigned({ app: 'db' }), want: 'Skip' },
    { name: 'a pod of another namespace', old: assigned(web, 'other'), want: 'Skip' },
    { name: 'an unassigned pod', new: pod('x', { labels: web }), want: 'Skip' },
    { name: 'labels changed into the selector', old: assigned({}), new: assigned(web), want: 'Queue' },
    {
      name: 'labels changed outside it',
      old: assigned({ ...web, a: '1' }),
      new: assigned({ ...web, a: '2' }),
      want: 'Skip',
    },
  ])('pod: $name: $want', (c) => {
    expect(hint(target, c.old, c.new)).toBe(c.want);
  });

  const nodeHint = nodeChangeHint(constraintsOf);
  const tainted = (n: Node): Node => ({ ...n, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } });
  it.each<{ name: string; old?: Node; new?: Node; want: string }>([
    { name: 'a node with the key added', new: node('n', { [ZONE]: 'z' }), want: 'Queue' },
    { name: 'a node without it added', new: node('n'), want: 'Skip' },
    { name: 'a node with the key deleted', old: node('n', { [ZONE]: 'z' }), want: 'Queue' },
    { name: 'the key added', old: node('n'), new: node('n', { [ZONE]: 'z' }), want: 'Queue' },
    { name: 'the zone moved', old: node('n', { [ZONE]: 'a' }), new: node('n', { [ZONE]: 'b' }), want: 'Queue' },
    {
      name: 'an unrelated label',
      old: node('n', { [ZONE]: 'a' }),
      new: node('n', { [ZONE]: 'a', x: 'y' }),
      want: 'Skip',
    },
    {
      name: 'taints changed',
      old: node('n', { [ZONE]: 'a' }),
      new: tainted(node('n', { [ZONE]: 'a' })),
      want: 'Queue',
    },
    {
      name: 'hostname is not a key here',
      old: node('n', { [ZONE]: 'a', [HOSTNAME]: 'a' }),
      new: node('n', { [ZONE]: 'a', [HOSTNAME]: 'b' }),
      want: 'Skip',
    },
  ])('node: $name: $want', (c) => {
    expect(nodeHint(target, c.old, c.new)).toBe(c.want);
  });
});
