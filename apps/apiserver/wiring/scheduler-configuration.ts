// The scheduler's KubeSchedulerConfiguration from the file KUBENEST_SCHEDULER_CONFIG names, read
// and checked when the control plane is assembled, before anything starts: a file that cannot be
// read or is not valid stops the process with one line naming the variable, as any bad setting does.
import { ConfigError } from '@kubenest/config';
import {
  inTreePlugins,
  KubeSchedulerConfiguration,
  readSchedulerConfiguration,
  resolveConfiguration,
  SchedulerConfigError,
} from '@kubenest/scheduler';

export const loadSchedulerConfiguration = (path?: string): KubeSchedulerConfiguration | undefined => {
  if (!path) return undefined;
  try {
    const configuration = readSchedulerConfiguration(path);
    resolveConfiguration(configuration, inTreePlugins);
    return configuration;
  } catch (error) {
    if (error instanceof SchedulerConfigError)
      throw new ConfigError(`KUBENEST_SCHEDULER_CONFIG (${path}): ${error.errors.join('; ')}`);
    throw error;
  }
};
