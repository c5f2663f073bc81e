// The name of kube's default profile: the schedulerName of pods that name none, and the component
// the scheduler's events come from.
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
