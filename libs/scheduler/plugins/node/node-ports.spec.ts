import { CycleState } from '../../framework';
import type { FilterPlugin, PreFilterPlugin, QueueingHintFn } from '../../framework';
import { makeNode, makePod, noHandle, nodeInfoOf, outcome, PodOptions } from './node-plugins.fixtures';
import { newNodePorts } from './node-ports';

const plugin = newNodePorts(undefined, noHandle) as PreFilterPlugin & FilterPlugin;
const REASON = "node(s) didn't have free ports for the requested pod ports";

type Ports = PodOptions['hostPorts'];

describe('NodePorts', () => {
  it('skips a pod without host ports', () => {
    expect(plugin.preFilter(new CycleState(), makePod('p'), []).status.code).toBe('Skip');
  });

  it.each<{ name: string; want: Ports; held: Ports[]; fits: boolean }>([
    { name: 'a free node', want: [8080], held: [], fits: true },
    { name: 'another port held', want: [8080], held: [[8081]], fits: true },
    { name: 'the same port held', want: [8080], held: [[8080]], fits: false },
    { name: 'one of several held', want: [80, 443], held: [[443]], fits: false },
    { name: 'same port, other protocol', want: [{ port: 53, protocol: 'UDP' }], held: [[53]], fits: true },
    {
      name: 'same port on another address',
      want: [{ port: 80, ip: '10.0.0.1' }],
      held: [[{ port: 80, ip: '10.0.0.2' }]],
      fits: true,
    },
    {
      name: 'same port on the same address',
      want: [{ port: 80, ip: '10.0.0.1' }],
      held: [[{ port: 80, ip: '10.0.0.1' }]],
      fits: false,
    },
    { name: 'held on every address', want: [{ port: 80, ip: '10.0.0.1' }], held: [[80]], fits: false },
    { name: 'wanted on every address', want: [80], held: [[{ port: 80, ip: '10.0.0.2' }]], fits: false },
  ])('$name', ({ want, held, fits }) => {
    const state = new CycleState();
    const pod = makePod('p', { hostPorts: want });
    expect(plugin.preFilter(state, pod, []).status.code).toBe('Success');
    const existing = held.map((ports, i) => makePod(`e${i}`, { hostPorts: ports, nodeName: 'n' }));
    expect(outcome(plugin.filter(state, pod, nodeInfoOf(makeNode('n'), existing)))).toEqual(
      fits ? { code: 'Success', reasons: [] } : { code: 'Unschedulable', reasons: [REASON] },
    );
  });

  it.each([
    { name: "a sidecar's port is held", sidecar: true, fits: false },
    { name: "an init container's port is not (it has exited)", sidecar: false, fits: true },
  ])('$name', ({ sidecar, fits }) => {
    const existing = makePod('e', { nodeName: 'n', initContainers: [{ sidecar, hostPorts: [80] }] });
    const state = new CycleState();
    const pod = makePod('p', { hostPorts: [80] });
    plugin.preFilter(state, pod, []);
    expect(plugin.filter(state, pod, nodeInfoOf(makeNode('n'), [existing])).code).toBe(
      fits ? 'Success' : 'Unschedulable',
    );
  });

  describe('events', () => {
    const events = plugin.eventsToRegister?.() ?? [];

    it('registers pod deletions and node additions', () => {
      expect(events.map((e) => e.event)).toEqual([
        { resource: 'Pod', action: 'Delete' },
        { resource: 'Node', action: 'Add' },
      ]);
    });

    it.each([
      {
        name: 'a deleted pod that held the port',
        deleted: makePod('d', { hostPorts: [80], nodeName: 'n' }),
        want: 'Queue',
      },
      {
        name: 'a deleted pod holding another port',
        deleted: makePod('d', { hostPorts: [81], nodeName: 'n' }),
        want: 'Skip',
      },
      { name: 'a deleted pod never scheduled', deleted: makePod('d', { hostPorts: [80] }), want: 'Skip' },
      {
        name: 'a deleted pod nominated to a node',
        deleted: { ...makePod('d', { hostPorts: [80] }), status: { nominatedNodeName: 'n' } },
        want: 'Queue',
      },
    ])('$name', ({ deleted, want }) => {
      const hint = events[0].hint as QueueingHintFn;
      expect(hint(makePod('p', { hostPorts: [80] }), deleted, undefined)).toBe(want);
    });
  });
});
