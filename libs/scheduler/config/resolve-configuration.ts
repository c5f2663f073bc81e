// A KubeSchedulerConfiguration checked and turned into the runtime's profiles, with kube's
// defaults: one default-scheduler profile when none is given, each profile's plugins merged over
// the default ones (multiPoint, per extension point enabled/disabled, '*'), weights defaulted.
// Every mistake is reported at once, each naming the field at fault, as kube-scheduler refuses
// to start on an invalid file.
import { EXTENSION_POINTS, ExtensionPoint, PluginSet, Profile, WeightedPlugin } from '../runtime';
import { DEFAULT_PLUGINS } from './default-plugins';
import { DEFAULT_SCHEDULER_NAME } from '../framework/scheduler-name';
import {
  KubeSchedulerConfiguration,
  PluginList,
  PluginsConfig,
  ProfileConfig,
  SCHEDULER_CONFIG_API_VERSION,
} from './kube-scheduler-configuration';

export interface SchedulerSettings {
  profiles: Profile[];
  podInitialBackoffMs: number;
  podMaxBackoffMs: number;
}

export class SchedulerConfigError extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid KubeSchedulerConfiguration: ${errors.join('; ')}`);
    this.name = 'SchedulerConfigError';
  }
}

const TOP_LEVEL_FIELDS = new Set([
  'apiVersion',
  'kind',
  'percentageOfNodesToScore',
  'podInitialBackoffSeconds',
  'podMaxBackoffSeconds',
  'profiles',
  // Read by kube-scheduler's process, not its framework; accepted and left to Kubenest's own settings.
  'parallelism',
  'leaderElection',
  'clientConnection',
  'healthzBindAddress',
  'metricsBindAddress',
  'enableProfiling',
  'enableContentionProfiling',
  'delayCacheUntilActive',
]);
const PROFILE_FIELDS = new Set(['schedulerName', 'percentageOfNodesToScore', 'plugins', 'pluginConfig']);
const PLUGIN_SET_FIELDS = new Set<string>(['multiPoint', ...EXTENSION_POINTS]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPercentage = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100;

/**
 * The profiles from a configuration, whose plugins must all be in `registry`; the default profile
 * keeps only the default plugins the registry has.
 */
export const resolveConfiguration = (
  config: KubeSchedulerConfiguration | undefined,
  registry: Readonly<Record<string, unknown>>,
): SchedulerSettings => {
  const errors: string[] = [];
  if (config !== undefined && !isObject(config))
    throw new SchedulerConfigError(['the configuration must be an object']);
  const c: KubeSchedulerConfiguration = config ?? {};
  if (config) {
    if (c.apiVersion !== SCHEDULER_CONFIG_API_VERSION)
      errors.push(`apiVersion: must be ${SCHEDULER_CONFIG_API_VERSION}, not ${JSON.stringify(c.apiVersion)}`);
    if (c.kind !== 'KubeSchedulerConfiguration')
      errors.push(`kind: must be KubeSchedulerConfiguration, not ${JSON.stringify(c.kind)}`);
  }
  for (const key of Object.keys(c)) if (!TOP_LEVEL_FIELDS.has(key)) errors.push(`${key}: unknown field`);
  if (c.percentageOfNodesToScore !== undefined && !isPercentage(c.percentageOfNodesToScore))
    errors.push(
      `percentageOfNodesToScore: must be an integer from 0 to 100, not ${JSON.stringify(c.percentageOfNodesToScore)}`,
    );
  const backoff = (field: 'podInitialBackoffSeconds' | 'podMaxBackoffSeconds', fallback: number): number => {
    const v = c[field];
    if (v === undefined) return fallback;
    if (!Number.isInteger(v) || (v as number) <= 0)
      errors.push(`${field}: must be a whole number of seconds, at least 1`);
    return (v as number) * 1000;
  };
  const podInitialBackoffMs = backoff('podInitialBackoffSeconds', 1000);
  const podMaxBackoffMs = backoff('podMaxBackoffSeconds', 10_000);
  if (podMaxBackoffMs < podInitialBackoffMs)
    errors.push('podMaxBackoffSeconds: must be at least podInitialBackoffSeconds');

  const profileConfigs = c.profiles === undefined ? [{}] : c.profiles;
  if (!Array.isArray(profileConfigs) || profileConfigs.length === 0) {
    errors.push('profiles: must be a non-empty list');
    throw new SchedulerConfigError(errors);
  }
  const names = new Set<string>();
  const profiles: Profile[] = [];
  profileConfigs.forEach((pc: ProfileConfig, i) => {
    const at = `profiles[${i}]`;
    if (!isObject(pc)) {
      errors.push(`${at}: must be an object`);
      return;
    }
    const profile = resolveProfile(pc, at, registry, errors, c.percentageOfNodesToScore);
    if (names.has(profile.schedulerName))
      errors.push(`${at}.schedulerName: Duplicate value: ${JSON.stringify(profile.schedulerName)}`);
    names.add(profile.schedulerName);
    profiles.push(profile);
  });
  const queueSorts = new Set(profiles.map((p) => queueSortOf(p)));
  if (queueSorts.size > 1) errors.push('profiles: queueSort must be the same for all profiles');
  if (errors.length) throw new SchedulerConfigError(errors);
  return { profiles, podInitialBackoffMs, podMaxBackoffMs };
};

const queueSortOf = (p: Profile): string | undefined =>
  p.plugins.enabled.queueSort?.[0]?.name ??
  (p.plugins.disabled.queueSort?.includes('*')
    ? undefined
    : p.plugins.multiPoint.find((m) => m.name === 'PrioritySort')?.name);

const resolveProfile = (
  pc: ProfileConfig,
  at: string,
  registry: Readonly<Record<string, unknown>>,
  errors: string[],
  globalPercentage: number | undefined,
): Profile => {
  for (const key of Object.keys(pc)) if (!PROFILE_FIELDS.has(key)) errors.push(`${at}.${key}: unknown field`);
  const schedulerName = pc.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  if (typeof schedulerName !== 'string' || !schedulerName)
    errors.push(`${at}.schedulerName: must be a non-empty string`);
  if (pc.percentageOfNodesToScore !== undefined && !isPercentage(pc.percentageOfNodesToScore))
    errors.push(
      `${at}.percentageOfNodesToScore: must be an integer from 0 to 100, not ${JSON.stringify(pc.percentageOfNodesToScore)}`,
    );
  const known = (name: string, field: string): boolean => {
    if (Object.hasOwn(registry, name)) return true;
    errors.push(`${field}: plugin ${JSON.stringify(name)} does not exist`);
    return false;
  };
  const plugins: PluginsConfig = isObject(pc.plugins) ? pc.plugins : {};
  if (pc.plugins !== undefined && !isObject(pc.plugins)) errors.push(`${at}.plugins: must be an object`);
  for (const key of Object.keys(plugins))
    if (!PLUGIN_SET_FIELDS.has(key)) errors.push(`${at}.plugins.${key}: unknown field`);

  const list = (field: string, value: PluginList | undefined): { enabled: WeightedPlugin[]; disabled: string[] } => {
    if (value === undefined) return { enabled: [], disabled: [] };
    if (!isObject(value as unknown)) {
      errors.push(`${field}: must be an object`);
      return { enabled: [], disabled: [] };
    }
    const enabled: WeightedPlugin[] = [];
    (Array.isArray(value.enabled) ? value.enabled : []).forEach((p, j) => {
      const f = `${field}.enabled[${j}]`;
      if (!isObject(p) || typeof p.name !== 'string') return void errors.push(`${f}.name: required`);
      if (!known(p.name, `${f}.name`)) return;
      const weight: unknown = p.weight;
      if (enabled.some((e) => e.name === p.name)) errors.push(`${f}.name: Duplicate value: ${JSON.stringify(p.name)}`);
      const valid = weight === undefined || isPercentage(weight);
      if (!valid) errors.push(`${f}.weight: must be an integer from 1 to 100, not ${JSON.stringify(weight)}`);
      enabled.push({ name: p.name, weight: valid ? ((weight as number | undefined) ?? 0) : 0 });
    });
    const disabled = (Array.isArray(value.disabled) ? value.disabled : []).map((p) =>
      isObject(p) ? String(p.name) : '',
    );
    return { enabled, disabled };
  };

  const defaultWeight = (name: string) => DEFAULT_PLUGINS.find((d) => d.name === name)?.weight ?? 1;
  const multi = list(`${at}.plugins.multiPoint`, plugins.multiPoint);
  const multiOff = new Set(multi.disabled);
  const multiPoint: WeightedPlugin[] = multiOff.has('*')
    ? []
    : DEFAULT_PLUGINS.filter((d) => !multiOff.has(d.name) && Object.hasOwn(registry, d.name)).map((d) => ({ ...d }));
  for (const p of multi.enabled) {
    const existing = multiPoint.find((m) => m.name === p.name);
    if (existing) existing.weight = p.weight || existing.weight;
    else multiPoint.push({ name: p.name, weight: p.weight || defaultWeight(p.name) });
  }
  const set: PluginSet = { multiPoint, enabled: {}, disabled: {} };
  for (const point of EXTENSION_POINTS) {
    const { enabled, disabled } = list(`${at}.plugins.${point}`, plugins[point]);
    if (enabled.length)
      set.enabled[point as ExtensionPoint] = enabled.map((p) => ({
        name: p.name,
        weight: p.weight || multiPoint.find((m) => m.name === p.name)?.weight || defaultWeight(p.name),
      }));
    if (disabled.length) set.disabled[point as ExtensionPoint] = disabled;
  }

  const pluginConfig: Record<string, Record<string, unknown>> = {};
  (Array.isArray(pc.pluginConfig) ? pc.pluginConfig : []).forEach((entry, j) => {
    const f = `${at}.pluginConfig[${j}]`;
    if (!isObject(entry) || typeof entry.name !== 'string') return void errors.push(`${f}.name: required`);
    if (!known(entry.name, `${f}.name`)) return;
    if (pluginConfig[entry.name]) errors.push(`${f}.name: Duplicate value: ${JSON.stringify(entry.name)}`);
    if (entry.args !== undefined && !isObject(entry.args)) errors.push(`${f}.args: must be an object`);
    pluginConfig[entry.name] = (entry.args as Record<string, unknown>) ?? {};
  });
  const percentage = pc.percentageOfNodesToScore ?? globalPercentage;
  return {
    schedulerName,
    ...(percentage ? { percentageOfNodesToScore: percentage } : {}),
    plugins: set,
    pluginConfig,
  };
};
