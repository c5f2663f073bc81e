import type { Node, Pod } from '@kubenest/api/core/types';
import { affinity, HOSTNAME, listerOf, namespace, node, pod, term, ZONE } from '../pod-plugins.fixtures';
import { interPodAffinityEvents, nodeChangeHint, podChangeHint } from './events';

const web = { app: 'web' };
const hint = podChangeHint(() => listerOf([namespace('default')]));
const withAffinity = pod('p', { spec: affinity({ affinity: [term(web, ZONE)] }) });
const withAntiAffinity = pod('p', { spec: affinity({ antiAffinity: [term(web, HOSTNAME)] }) });
const assigned = (labels: Record<string, string>, spec = {}) => pod('x', { labels, nodeName: 'n1', spec });

describe('InterPodAffinity queueing hints', () => {
  it('registers pod add/delete/label update and node add/label update', () => {
    expect(interPodAffinityEvents(() => listerOf([])).map((e) => `${e.event.resource}/${e.event.action}`)).toEqual([
      'AssignedPod/Add',
      'AssignedPod/UpdatePodLabel',
      'AssignedPod/Delete',
      'Node/Add',
      'Node/UpdateNodeLabel',
    ]);
  });

  it.each<{ name: string; target: Pod; old?: Pod; new?: Pod; want: string }>([
    { name: 'an unassigned pod never helps', target: withAffinity, new: pod('x', { labels: web }), want: 'Skip' },
    { name: 'an added pod matching the affinity', target: withAffinity, new: assigned(web), want: 'Queue' },
    { name: 'an added pod not matching it', target: withAffinity, new: assigned({ app: 'db' }), want: 'Skip' },
    {
      name: 'a label update that starts matching the affinity',
      target: withAffinity,
      old: assigned({}),
      new: assigned(web),
      want: 'Queue',
    },
    {
      name: 'a label update that stops matching the anti-affinity',
      target: withAntiAffinity,
      old: assigned(web),
      new: assigned({}),
      want: 'Queue',
    },
    {
      name: 'a label update that changes nothing relevant',
      target: withAntiAffinity,
      old: assigned(web),
      new: assigned({ ...web, x: 'y' }),
      want: 'Skip',
    },
    { name: 'a deleted pod the anti-affinity selected', target: withAntiAffinity, old: assigned(web), want: 'Queue' },
    { name: 'a deleted pod it did not', target: withAntiAffinity, old: assigned({ app: 'db' }), want: 'Skip' },
    {
      name: 'a deleted pod whose own anti-affinity kept the target out',
      target: pod('p', { labels: web }),
      old: assigned({ app: 'db' }, affinity({ antiAffinity: [term(web, ZONE)] })),
      want: 'Queue',
    },
  ])('$name: $want', (c) => {
    expect(hint(c.target, c.old, c.new)).toBe(c.want);
  });

  it.each<{ name: string; target: Pod; old?: Node; new?: Node; want: string }>([
    { name: 'a new node with the affinity key', target: withAffinity, new: node('n', { [ZONE]: 'z' }), want: 'Queue' },
    { name: 'a new node without it', target: withAffinity, new: node('n'), want: 'Skip' },
    {
      name: 'the affinity key added',
      target: withAffinity,
      old: node('n'),
      new: node('n', { [ZONE]: 'z' }),
      want: 'Queue',
    },
    {
      name: 'an unrelated label changed',
      target: withAffinity,
      old: node('n', { a: '1' }),
      new: node('n', { a: '2' }),
      want: 'Skip',
    },
    { name: 'any new node for anti-affinity', target: withAntiAffinity, new: node('n'), want: 'Queue' },
    {
      name: 'a pod without terms (kept out by others)',
      target: pod('p'),
      old: node('n', { a: '1' }),
      new: node('n', { a: '2' }),
      want: 'Queue',
    },
  ])('node: $name: $want', (c) => {
    expect(nodeChangeHint(c.target, c.old, c.new)).toBe(c.want);
  });
});
