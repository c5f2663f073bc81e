import { newPodInfo, NodeInfo } from '../../../framework';
import { node, pod } from '../pod-plugins.fixtures';
import { NodeMemo } from './node-memo';

const infos = (...names: string[]) => names.map((n) => new NodeInfo(node(n)));

describe('NodeMemo', () => {
  const run = (memo: NodeMemo<string>, key: string, nodes: NodeInfo[], computed: string[]) => {
    const seen: string[] = [];
    memo.forEach(
      key,
      nodes,
      (info) => {
        computed.push(info.name!);
        return `${info.name}:${info.pods.length}`;
      },
      (value) => seen.push(value),
    );
    return seen;
  };

  it('computes a node again only once it changed', () => {
    const memo = new NodeMemo<string>();
    const nodes = infos('a', 'b', 'c');
    const computed: string[] = [];
    expect(run(memo, 'k', nodes, computed)).toEqual(['a:0', 'b:0', 'c:0']);
    nodes[1].addPod(newPodInfo(pod('p', { nodeName: 'b' })));
    expect(run(memo, 'k', nodes, computed)).toEqual(['a:0', 'b:1', 'c:0']);
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
  });

  it('follows nodes leaving, joining and moving in the order without recomputing the unchanged', () => {
    const memo = new NodeMemo<string>();
    const [a, b, c] = infos('a', 'b', 'c');
    const computed: string[] = [];
    run(memo, 'k', [a, b, c], computed);
    const [d] = infos('d');
    expect(run(memo, 'k', [c, d, a], computed)).toEqual(['c:0', 'd:0', 'a:0']);
    expect(computed).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps each key apart and forgets the least recently used beyond its bound', () => {
    const memo = new NodeMemo<string>(2);
    const nodes = infos('a');
    const computed: string[] = [];
    run(memo, 'k1', nodes, computed);
    run(memo, 'k2', nodes, computed);
    run(memo, 'k1', nodes, computed);
    run(memo, 'k3', nodes, computed);
    run(memo, 'k1', nodes, computed);
    run(memo, 'k2', nodes, computed);
    expect(computed).toEqual(['a', 'a', 'a', 'a']);
  });
});
