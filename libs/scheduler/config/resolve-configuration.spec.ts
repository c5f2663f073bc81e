import { parseSchedulerConfiguration } from './load-configuration';
import { resolveConfiguration, SchedulerConfigError } from './resolve-configuration';
import { DEFAULT_PLUGINS } from './default-plugins';

const plugin = () => ({});
const registry = Object.fromEntries(DEFAULT_PLUGINS.map((p) => [p.name, plugin]));
const header = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n';

const resolve = (yaml: string) => resolveConfiguration(parseSchedulerConfiguration(header + yaml), registry);
const errorsOf = (yaml: string, reg = registry): string[] => {
  try {
    resolveConfiguration(parseSchedulerConfiguration(header + yaml), reg);
  } catch (e) {
    if (e instanceof SchedulerConfigError) return e.errors;
    throw e;
  }
  return [];
};

describe('resolveConfiguration', () => {
  it("without a file: one default-scheduler profile with kube's default plugins and weights", () => {
    const { profiles, podInitialBackoffMs, podMaxBackoffMs } = resolveConfiguration(undefined, registry);
    expect(profiles).toHaveLength(1);
    expect(profiles[0].schedulerName).toBe('default-scheduler');
    expect(profiles[0].percentageOfNodesToScore).toBeUndefined();
    expect(Object.fromEntries(profiles[0].plugins.multiPoint.map((p) => [p.name, p.weight]))).toMatchObject({
      TaintToleration: 3,
      NodeAffinity: 2,
      NodeResourcesFit: 1,
      NodeResourcesBalancedAllocation: 1,
      InterPodAffinity: 2,
      PodTopologySpread: 2,
    });
    expect([podInitialBackoffMs, podMaxBackoffMs]).toEqual([1000, 10_000]);
  });

  it('the default profile keeps only the default plugins the registry has', () => {
    const { profiles } = resolveConfiguration(undefined, { PrioritySort: plugin, DefaultBinder: plugin });
    expect(profiles[0].plugins.multiPoint.map((p) => p.name)).toEqual(['PrioritySort', 'DefaultBinder']);
  });

  it('reads profiles, weights, disabled plugins, args and percentages (YAML)', () => {
    const { profiles } = resolve(`
percentageOfNodesToScore: 30
profiles:
- schedulerName: default-scheduler
  plugins:
    score:
      enabled: [{ name: NodeAffinity, weight: 10 }]
      disabled: [{ name: TaintToleration }]
  pluginConfig:
  - name: NodeResourcesFit
    args: { scoringStrategy: { type: MostAllocated } }
- schedulerName: no-scoring
  percentageOfNodesToScore: 50
  plugins:
    score:
      disabled: [{ name: '*' }]
`);
    expect(profiles.map((p) => [p.schedulerName, p.percentageOfNodesToScore])).toEqual([
      ['default-scheduler', 30],
      ['no-scoring', 50],
    ]);
    expect(profiles[0].plugins.enabled.score).toEqual([{ name: 'NodeAffinity', weight: 10 }]);
    expect(profiles[0].plugins.disabled.score).toEqual(['TaintToleration']);
    expect(profiles[0].pluginConfig.NodeResourcesFit).toEqual({ scoringStrategy: { type: 'MostAllocated' } });
    expect(profiles[1].plugins.disabled.score).toEqual(['*']);
  });

  it('reads JSON and multiPoint additions and removals', () => {
    const json = JSON.stringify({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      profiles: [
        {
          plugins: {
            multiPoint: { enabled: [{ name: 'TaintToleration', weight: 5 }], disabled: [{ name: 'NodePorts' }] },
          },
        },
      ],
    });
    const { profiles } = resolveConfiguration(parseSchedulerConfiguration(json), registry);
    const multi = profiles[0].plugins.multiPoint;
    expect(multi.find((p) => p.name === 'TaintToleration')?.weight).toBe(5);
    expect(multi.some((p) => p.name === 'NodePorts')).toBe(false);
  });

  it.each([
    {
      name: 'unknown plugin',
      yaml: 'profiles:\n- plugins:\n    filter:\n      enabled: [{ name: Nope }]\n',
      want: 'profiles[0].plugins.filter.enabled[0].name: plugin "Nope" does not exist',
    },
    {
      name: 'unknown plugin in pluginConfig',
      yaml: 'profiles:\n- pluginConfig: [{ name: Nope, args: {} }]\n',
      want: 'profiles[0].pluginConfig[0].name: plugin "Nope" does not exist',
    },
    {
      name: 'weight too big',
      yaml: 'profiles:\n- plugins:\n    score:\n      enabled: [{ name: NodeAffinity, weight: 101 }]\n',
      want: 'profiles[0].plugins.score.enabled[0].weight: must be an integer from 1 to 100, not 101',
    },
    {
      name: 'negative weight',
      yaml: 'profiles:\n- plugins:\n    score:\n      enabled: [{ name: NodeAffinity, weight: -1 }]\n',
      want: 'profiles[0].plugins.score.enabled[0].weight: must be an integer from 1 to 100, not -1',
    },
    {
      name: 'duplicate schedulerName',
      yaml: 'profiles:\n- schedulerName: a\n- schedulerName: a\n',
      want: 'profiles[1].schedulerName: Duplicate value: "a"',
    },
    {
      name: 'percentage over 100',
      yaml: 'percentageOfNodesToScore: 101\n',
      want: 'percentageOfNodesToScore: must be an integer from 0 to 100, not 101',
    },
    {
      name: 'profile percentage negative',
      yaml: 'profiles:\n- percentageOfNodesToScore: -5\n',
      want: 'profiles[0].percentageOfNodesToScore: must be an integer from 0 to 100, not -5',
    },
    { name: 'unknown field', yaml: 'profilez: []\n', want: 'profilez: unknown field' },
    { name: 'empty profiles', yaml: 'profiles: []\n', want: 'profiles: must be a non-empty list' },
    {
      name: 'different queue sorts',
      yaml: 'profiles:\n- schedulerName: a\n- schedulerName: b\n  plugins:\n    queueSort:\n      disabled: [{ name: "*" }]\n',
      want: 'profiles: queueSort must be the same for all profiles',
    },
  ])('refuses: $name', ({ yaml, want }) => {
    expect(errorsOf(yaml)).toContain(want);
  });

  it('refuses another apiVersion or kind, and text that is not YAML', () => {
    expect(() => resolveConfiguration(parseSchedulerConfiguration('apiVersion: v1\nkind: Pod\n'), registry)).toThrow(
      'invalid KubeSchedulerConfiguration: apiVersion: must be kubescheduler.config.k8s.io/v1, not "v1"; kind: must be KubeSchedulerConfiguration, not "Pod"',
    );
    expect(() => parseSchedulerConfiguration('a: [', 'sched.yaml')).toThrow('sched.yaml: not YAML or JSON');
    expect(() => parseSchedulerConfiguration('- 1\n', 'sched.yaml')).toThrow(
      'sched.yaml: must hold one KubeSchedulerConfiguration object',
    );
  });
});
