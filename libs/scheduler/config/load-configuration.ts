// Reads the KubeSchedulerConfiguration file (YAML or JSON: JSON is YAML) named by
// KUBENEST_SCHEDULER_CONFIG; no file means kube's default profile.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { KubeSchedulerConfiguration } from './kube-scheduler-configuration';
import { SchedulerConfigError } from './resolve-configuration';

export const parseSchedulerConfiguration = (text: string, source = 'the configuration'): KubeSchedulerConfiguration => {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new SchedulerConfigError([`${source}: not YAML or JSON: ${(error as Error).message.split('\n')[0]}`]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SchedulerConfigError([`${source}: must hold one KubeSchedulerConfiguration object`]);
  return value as KubeSchedulerConfiguration;
};

/** Read at start, before anything runs, so a bad file stops the process early. */
export const readSchedulerConfiguration = (path: string): KubeSchedulerConfiguration => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SchedulerConfigError([
      `${path}: cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    ]);
  }
  return parseSchedulerConfiguration(text, path);
};
