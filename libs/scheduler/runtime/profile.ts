// A profile as the runtime builds it: which plugins run at each extension point, in order, with
// the score weights and each plugin's args, resolved from the KubeSchedulerConfiguration.
export interface WeightedPlugin {
  name: string;
  weight: number;
}

export interface PluginSet {
  /** Plugins given for every extension point they implement (the config's multiPoint). */
  multiPoint: WeightedPlugin[];
  /** Plugins enabled for one extension point (they run first there, in this order). */
  enabled: Partial<Record<ExtensionPoint, WeightedPlugin[]>>;
  /** Plugins kept off one extension point; '*' keeps every multiPoint plugin off it. */
  disabled: Partial<Record<ExtensionPoint, string[]>>;
}

export const EXTENSION_POINTS = [
  'queueSort',
  'preEnqueue',
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
  'bind',
] as const;

export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

export interface Profile {
  schedulerName: string;
  /** 0 or unset: kube's adaptive percentage. */
  percentageOfNodesToScore?: number;
  plugins: PluginSet;
  /** Args by plugin name (the config's pluginConfig). */
  pluginConfig: Record<string, Record<string, unknown>>;
}
