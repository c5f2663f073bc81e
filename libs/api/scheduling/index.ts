// scheduling.k8s.io: PriorityClass, its system classes and the priority ranges pods are scheduled by.
export { priorityClassStrategy } from './priorityclass/priorityclass.strategy';
export * from './priorityclass/system-priority-classes';
export * from './types';
