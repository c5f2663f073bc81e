import { CycleState } from '../../framework';
import type { FilterPlugin, QueueingHintFn } from '../../framework';
import { newNodeName } from './node-name';
import { makeNode, makePod, noHandle, nodeInfoOf, outcome } from './node-plugins.fixtures';

const plugin = newNodeName(undefined, noHandle) as FilterPlugin;

describe('NodeName', () => {
  it.each([
    { name: 'no node named', nodeName: undefined, want: undefined },
    { name: 'this node named', nodeName: 'n1', want: undefined },
    { name: 'another node named', nodeName: 'n2', want: ["node(s) didn't match the requested node name"] },
  ])('$name', ({ nodeName, want }) => {
    const status = plugin.filter(new CycleState(), makePod('p', { nodeName }), nodeInfoOf(makeNode('n1')));
    expect(outcome(status)).toEqual(
      want ? { code: 'UnschedulableAndUnresolvable', reasons: want } : { code: 'Success', reasons: [] },
    );
  });

  it('queues the pod when the node it names is added', () => {
    const [{ event, hint }] = plugin.eventsToRegister?.() ?? [];
    expect(event).toEqual({ resource: 'Node', action: 'Add' });
    const queue = hint as QueueingHintFn;
    expect(queue(makePod('p', { nodeName: 'n1' }), undefined, makeNode('n1'))).toBe('Queue');
    expect(queue(makePod('p', { nodeName: 'n1' }), undefined, makeNode('n2'))).toBe('Skip');
  });
});
