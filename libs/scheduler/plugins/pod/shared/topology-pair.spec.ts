import { node } from '../pod-plugins.fixtures';
import { nodeLabel, PairTally, TopologyCounts } from './topology-pair';

describe('TopologyCounts', () => {
  it('counts pairs, drops them at zero and clones apart', () => {
    const counts = TopologyCounts.sum([
      [
        ['zone', 'a', 2],
        ['host', 'n1', 1],
      ],
      [['zone', 'a', -2]],
    ]);
    expect(counts.size).toBe(1);
    expect([...counts.keys()]).toEqual(['host']);
    const copy = counts.clone();
    copy.add('host', 'n1', 1);
    expect([counts.get('host', 'n1'), copy.get('host', 'n1')]).toEqual([1, 2]);
    expect(copy.onNode(node('n1', {}), 'host')).toBe(0);
    expect(copy.onNode(node('x', { host: 'n1' }), 'host')).toBe(2);
  });

  it('a tally counts only nodes with the key', () => {
    const tally = new PairTally();
    tally.count(node('n1', { zone: 'a' }), 'zone');
    tally.count(node('n2', { zone: 'a' }), 'zone', 2);
    tally.count(node('n3'), 'zone');
    expect(tally.pairs()).toEqual([['zone', 'a', 3]]);
  });

  it('reads labels named like Object.prototype members as absent', () => {
    expect(nodeLabel(node('n'), 'constructor')).toBeUndefined();
    expect(nodeLabel(node('n', { constructor: 'x' }), 'constructor')).toBe('x');
  });
});
