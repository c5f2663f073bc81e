// The subset of kubescheduler.config.k8s.io/v1 KubeSchedulerConfiguration Kubenest reads.
export const SCHEDULER_CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';

export interface PluginRef {
  name: string;
  weight?: number;
}

export interface PluginList {
  enabled?: PluginRef[];
  disabled?: { name: string }[];
}

export interface PluginsConfig {
  multiPoint?: PluginList;
  queueSort?: PluginList;
  preEnqueue?: PluginList;
  preFilter?: PluginList;
  filter?: PluginList;
  postFilter?: PluginList;
  preScore?: PluginList;
  score?: PluginList;
  reserve?: PluginList;
  bind?: PluginList;
}

export interface ProfileConfig {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  plugins?: PluginsConfig;
  pluginConfig?: { name: string; args?: Record<string, unknown> }[];
}

export interface KubeSchedulerConfiguration {
  apiVersion?: string;
  kind?: string;
  /** 0 or unset: kube's adaptive percentage. */
  percentageOfNodesToScore?: number;
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  profiles?: ProfileConfig[];
}
