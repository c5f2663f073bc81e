// What a plugin answers, as kube-scheduler's framework.Status: a code, the reasons a node was
// turned down (counted into the FailedScheduling message) and the plugin that said so.
export type StatusCode =
  | 'Success'
  | 'Error'
  /** The node does not fit now; preemption may make it fit. */
  | 'Unschedulable'
  /** The node does not fit and preemption cannot help (e.g. a node selector). */
  | 'UnschedulableAndUnresolvable'
  /** The plugin has nothing to say for this pod (its later hooks are skipped). */
  | 'Skip'
  /** The pod waits for something outside scheduling (gates); it is not tried meanwhile. */
  | 'Pending';

export interface Status {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
  /** The plugin that answered; the runtime fills it in. */
  plugin?: string;
  readonly error?: Error;
}

// Success carries nothing, so one shared object spares an allocation per node and plugin.
const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: [] }) as Status;
const SKIP: Status = Object.freeze({ code: 'Skip', reasons: [] }) as Status;

export const success = (): Status => SUCCESS;
export const skip = (): Status => SKIP;
export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
export const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });
export const pending = (...reasons: string[]): Status => ({ code: 'Pending', reasons });
export const errorStatus = (error: Error | string): Status => {
  const err = typeof error === 'string' ? new Error(error) : error;
  return { code: 'Error', reasons: [err.message], error: err };
};

export const isSuccess = (status: Status | undefined): boolean => !status || status.code === 'Success';

/** The same status, naming the plugin that answered (the shared success and skip stay shared). */
export const withPlugin = (status: Status, plugin: string): Status =>
  status.code === 'Success' || status.code === 'Skip' || status.plugin
    ? status
    : { code: status.code, reasons: status.reasons, plugin, error: status.error };
