import { isFilter, isPreFilter, isPreScore, isScore } from '../../framework';
import { nodePlugins } from './index';
import { noHandle } from './node-plugins.fixtures';

describe('nodePlugins', () => {
  it.each([
    { name: 'NodeUnschedulable', hooks: ['filter'] },
    { name: 'NodeName', hooks: ['filter'] },
    { name: 'TaintToleration', hooks: ['filter', 'preScore', 'score'] },
    { name: 'NodeAffinity', hooks: ['preFilter', 'filter', 'preScore', 'score'] },
    { name: 'NodePorts', hooks: ['preFilter', 'filter'] },
    { name: 'NodeResourcesFit', hooks: ['preFilter', 'filter', 'preScore', 'score'] },
    { name: 'NodeResourcesBalancedAllocation', hooks: ['preScore', 'score'] },
  ])('registers $name under its kube name, built from no args', ({ name, hooks }) => {
    const plugin = nodePlugins[name](undefined, noHandle);
    expect(plugin.name).toBe(name);
    const has = {
      preFilter: isPreFilter(plugin),
      filter: isFilter(plugin),
      preScore: isPreScore(plugin),
      score: isScore(plugin),
    };
    expect(
      Object.entries(has)
        .filter(([, yes]) => yes)
        .map(([hook]) => hook),
    ).toEqual(hooks);
  });

  it('registers nothing else', () => {
    expect(Object.keys(nodePlugins).sort()).toEqual([
      'NodeAffinity',
      'NodeName',
      'NodePorts',
      'NodeResourcesBalancedAllocation',
      'NodeResourcesFit',
      'NodeUnschedulable',
      'TaintToleration',
    ]);
  });

  it('gives every plugin that rejects pods the events that may help them', () => {
    for (const [name, factory] of Object.entries(nodePlugins)) {
      const plugin = factory(undefined, noHandle);
      if (isFilter(plugin) || isPreFilter(plugin))
        expect({ name, events: plugin.eventsToRegister?.().length }).toEqual({ name, events: expect.any(Number) });
    }
  });
});
